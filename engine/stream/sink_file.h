// A sink or dead-letter file of a job: it only grows by whole batches, and on restart it is
// cut back to the size its last committed batch recorded, so a re-run batch writes its rows
// once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/status.h"
#include "log/file.h"

namespace tributary::stream {

class SinkFile {
 public:
  static Result<std::unique_ptr<SinkFile>> open(const std::filesystem::path& path,
                                                std::int64_t committed);
  Status append(const std::string& bytes);
  // A no-op when nothing was appended since the last sync (most dead-letter files, most
  // batches): each fsync costs milliseconds.
  Status sync();
  std::int64_t size() const { return size_; }

 private:
  SinkFile() = default;
  Status open_file();

  std::filesystem::path path_;
  log::File file_;
  bool open_ = false;
  std::int64_t size_ = 0;
  std::int64_t synced_ = 0;
};

}  // namespace tributary::stream
