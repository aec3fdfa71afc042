// One editor per ParamType for the inspector's form. Each shows a parameter's value as
// written (its default when absent) and reports every user edit as a JSON value, a null one
// meaning "remove it, use the default"; setValue() from the model never reports back.
#pragma once

#include <QStringList>
#include <QWidget>
#include <functional>
#include <optional>

#include "core/types.h"
#include "pipeline/node_kind.h"

namespace tributary::ui {

class ParamEditor : public QWidget {
  Q_OBJECT

 public:
  using EditedFn = std::function<void(const nlohmann::json& value)>;

  ParamEditor(const pipeline::ParamSpec& spec, QWidget* parent = nullptr)
      : QWidget(parent), spec_(spec) {}

  const pipeline::ParamSpec& spec() const { return spec_; }
  void onEdited(EditedFn fn) { edited_ = std::move(fn); }

  // The value as written in the node's parameters; null when absent.
  virtual void setValue(const nlohmann::json& value) = 0;
  // The fields arriving at the node (for field pickers) and the schema of its first input
  // (for expressions); none while nothing is connected.
  virtual void setInput(const QStringList& fields, const std::optional<Schema>& schema) {
    (void)fields;
    (void)schema;
  }

 protected:
  void emitEdited(const nlohmann::json& value) {
    if (edited_) edited_(value);
  }
  // The value to show: the written one, else the default.
  nlohmann::json shown(const nlohmann::json& value) const {
    return value.is_null() ? spec_.default_value : value;
  }

 private:
  pipeline::ParamSpec spec_;
  EditedFn edited_;
};

// `category` is the node's (a sink's path is a file to write, others a file to read);
// `baseDir` the pipeline's folder, for relative paths ("" when untitled).
ParamEditor* createParamEditor(const pipeline::ParamSpec& spec, const QString& category,
                               const QString& baseDir, QWidget* parent = nullptr);

}  // namespace tributary::ui
