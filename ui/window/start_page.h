// What the window shows when no pipeline is open: the sample pipelines as cards (title,
// description, node kinds), the recent files, and New pipeline. A sample opens as a copy in
// the user's data folder, so that edits never change the shipped one.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QVBoxLayout;

namespace tributary::ui {

class StartPage : public QWidget {
  Q_OBJECT

 public:
  struct Sample {
    QString dir;  // the folder holding pipeline.json and its data files
    QString name, description;
    QStringList kinds;  // distinct node kinds, in document order
  };

  explicit StartPage(QWidget* parent = nullptr);

  // $TRIBUTARY_SAMPLES_DIR, else the samples of the source tree this was built from, else a
  // "samples" folder among the application's data locations.
  static QString samplesDir();
  static QList<Sample> samples(const QString& dir);
  // Copies a sample's folder to AppDataLocation/samples/<name>/ (refreshing files already
  // there, keeping others, such as a run's output) and returns the copy's pipeline.json, or
  // empty with `error` set.
  static QString copySample(const QString& sampleDir, QString* error);

 public slots:
  void refresh();

 signals:
  void sampleChosen(const QString& sampleDir);
  void recentChosen(const QString& path);
  void newRequested();
  void openRequested();

 private:
  QVBoxLayout* samplesBox_;
  QVBoxLayout* recentBox_;
};

}  // namespace tributary::ui
