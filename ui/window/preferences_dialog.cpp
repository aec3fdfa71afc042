#include "ui/window/preferences_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/app_settings.h"
#include "ui/theme.h"

namespace tributary::ui {

PreferencesDialog::PreferencesDialog(QWidget* parent)
    : QDialog(parent),
      language_(new QComboBox),
      theme_(new QComboBox),
      dataDir_(new QLineEdit),
      kafkaListen_(new QLineEdit) {
  setWindowTitle(tr("Preferences"));
  // Each language is named in itself, so that it can be found whatever is shown now.
  language_->addItem(tr("System language"), QString());
  language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  language_->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
  language_->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
  language_->addItem(QStringLiteral("Español"), QStringLiteral("es"));
  language_->setCurrentIndex(std::max(0, language_->findData(settings::language())));

  theme_->addItem(tr("Light"), QStringLiteral("light"));
  theme_->addItem(tr("Dark"), QStringLiteral("dark"));
  theme_->setCurrentIndex(std::max(0, theme_->findData(settings::theme())));

  dataDir_->setText(settings::dataDirectory());
  auto* browse = new QToolButton;
  browse->setText(QStringLiteral("…"));
  browse->setToolTip(tr("Choose a folder"));
  connect(browse, &QToolButton::clicked, this, [this] {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Default data folder"), dataDir_->text());
    if (!dir.isEmpty()) dataDir_->setText(dir);
  });
  auto* dirRow = new QHBoxLayout;
  dirRow->addWidget(dataDir_);
  dirRow->addWidget(browse);

  auto* form = new QFormLayout;
  form->addRow(tr("Language"), language_);
  auto* restart = new QLabel(tr("A new language takes effect when Tributary starts again."));
  restart->setWordWrap(true);
  restart->setForegroundRole(QPalette::PlaceholderText);
  form->addRow(QString(), restart);
  form->addRow(tr("Theme"), theme_);
  form->addRow(tr("Data folder"), dirRow);
  kafkaListen_->setText(settings::kafkaListen());
  kafkaListen_->setPlaceholderText(QStringLiteral("127.0.0.1:9092"));
  kafkaListen_->setToolTip(tr("Where the embedded Kafka broker listens, as host:port"));
  form->addRow(tr("Kafka broker address"), kafkaListen_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
  resize(480, sizeHint().height());
}

void PreferencesDialog::accept() {
  settings::setLanguage(language_->currentData().toString());
  settings::setTheme(theme_->currentData().toString());
  settings::setDataDirectory(dataDir_->text().trimmed());
  if (settings::isListenAddress(kafkaListen_->text().trimmed()))
    settings::setKafkaListen(kafkaListen_->text().trimmed());
  applyTheme(settings::theme());
  QDialog::accept();
}

}  // namespace tributary::ui
