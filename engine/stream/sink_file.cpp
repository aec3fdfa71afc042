#include "stream/sink_file.h"

#include <fcntl.h>

namespace tributary::stream {

Result<std::unique_ptr<SinkFile>> SinkFile::open(const std::filesystem::path& path,
                                                 std::int64_t committed) {
  std::unique_ptr<SinkFile> s(new SinkFile());
  s->path_ = path;
  s->size_ = committed;
  s->synced_ = -1;  // the first sync makes the cut durable too
  std::error_code ec;
  // A file that holds nothing committed is created by its first append: a job leaves no
  // empty dead-letter files behind.
  if (committed == 0 && !std::filesystem::exists(path, ec)) {
    s->synced_ = 0;
    return s;
  }
  if (committed > 0 && !std::filesystem::exists(path, ec)) {
    return error(ErrorCode::not_found,
                 path.string() + " is gone, but its checkpoint says it holds " +
                     std::to_string(committed) + " bytes (run again from scratch)");
  }
  TRIB_RETURN_IF_ERROR(s->open_file());
  TRIB_RETURN_IF_ERROR(
      s->file_.truncate(static_cast<std::uint64_t>(committed)));  // drop an uncommitted tail
  return s;
}

Status SinkFile::open_file() {
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  TRIB_ASSIGN_OR_RETURN(file_, log::File::open(path_, O_RDWR | O_CREAT | O_APPEND));
  open_ = true;
  return {};
}

Status SinkFile::append(const std::string& bytes) {
  if (bytes.empty()) return {};
  if (!open_) TRIB_RETURN_IF_ERROR(open_file());
  TRIB_RETURN_IF_ERROR(file_.write_all(bytes.data(), bytes.size()));
  size_ += static_cast<std::int64_t>(bytes.size());
  return {};
}

Status SinkFile::sync() {
  if (synced_ == size_ || !open_) return {};
  TRIB_RETURN_IF_ERROR(file_.sync_data());
  synced_ = size_;
  return {};
}

}  // namespace tributary::stream
