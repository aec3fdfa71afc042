// Preferences: language (on restart), theme (at once) and the default data folder, stored
// through app_settings.h when accepted.
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace tributary::ui {

class PreferencesDialog : public QDialog {
  Q_OBJECT

 public:
  explicit PreferencesDialog(QWidget* parent = nullptr);

  QComboBox* languageBox() const { return language_; }
  QComboBox* themeBox() const { return theme_; }
  QLineEdit* dataDirectoryEdit() const { return dataDir_; }
  QLineEdit* kafkaListenEdit() const { return kafkaListen_; }

  // Stores the choices and applies the theme.
  void accept() override;

 private:
  QComboBox* language_;
  QComboBox* theme_;
  QLineEdit* dataDir_;
  QLineEdit* kafkaListen_;
};

}  // namespace tributary::ui
