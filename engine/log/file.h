// Thin RAII over POSIX file descriptors: the log needs pread, fdatasync and ftruncate, which
// iostreams do not offer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/byte_buffer.h"
#include "core/status.h"

namespace tributary::log {

Status errno_status(const std::string& what, const std::filesystem::path& path);

class File {
 public:
  File() = default;
  ~File();
  File(File&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) { other.fd_ = -1; }
  File& operator=(File&& other) noexcept;
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  // flags as for open(2); files are created with mode 0644.
  static Result<File> open(const std::filesystem::path& path, int flags);

  bool is_open() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }

  Status write_all(const void* data, std::size_t size);
  Status pwrite_all(const void* data, std::size_t size, std::uint64_t offset);
  // Reads up to `size` bytes at `offset`; fewer only at end of file.
  Result<std::size_t> pread_up_to(void* data, std::size_t size, std::uint64_t offset) const;
  Status sync_data();
  Status truncate(std::uint64_t size);
  Result<std::uint64_t> size() const;
  void close();

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

// fsync of a directory, so that created, renamed or removed entries survive power loss.
Status sync_directory(const std::filesystem::path& dir);
// Replaces `path` with `content` so that readers see the old or the new file, never a mix.
// With `durable`, the content and the rename reach the disk before it returns.
Status write_file_atomically(const std::filesystem::path& path, std::string_view content, bool durable);
Result<std::string> read_file(const std::filesystem::path& path);

}  // namespace tributary::log
