#include "stream/sink_file.h"

#include <fcntl.h>

namespace tributary::stream {

Result<std::unique_ptr<SinkFile>> SinkFile::open(const std::filesystem::path& path,
                                                 std::int64_t committed) {
  std::unique_ptr<SinkFile> s(new SinkFile());
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  TRIB_ASSIGN_OR_RETURN(s->file_, log::File::open(path, O_RDWR | O_CREAT | O_APPEND));
  TRIB_RETURN_IF_ERROR(
      s->file_.truncate(static_cast<std::uint64_t>(committed)));  // drop an uncommitted tail
  s->size_ = committed;
  s->synced_ = -1;  // the first sync makes the cut durable too
  return s;
}

Status SinkFile::append(const std::string& bytes) {
  if (bytes.empty()) return {};
  TRIB_RETURN_IF_ERROR(file_.write_all(bytes.data(), bytes.size()));
  size_ += static_cast<std::int64_t>(bytes.size());
  return {};
}

}  // namespace tributary::stream
