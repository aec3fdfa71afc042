#include "log/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tributary::log {

Status errno_status(const std::string& what, const std::filesystem::path& path) {
  const int e = errno;
  return error(e == ENOENT ? ErrorCode::not_found : ErrorCode::io_error,
               what + " " + path.string() + ": " + std::strerror(e));
}

File::~File() { close(); }

File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

Result<File> File::open(const std::filesystem::path& path, int flags) {
  File f;
  f.fd_ = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
  if (f.fd_ < 0) return errno_status("cannot open", path);
  f.path_ = path;
  return f;
}

Status File::write_all(const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd_, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_status("cannot write", path_);
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return {};
}

Status File::pwrite_all(const void* data, std::size_t size, std::uint64_t offset) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::pwrite(fd_, p, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_status("cannot write", path_);
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
  return {};
}

Result<std::size_t> File::pread_up_to(void* data, std::size_t size, std::uint64_t offset) const {
  char* p = static_cast<char*>(data);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd_, p + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno_status("cannot read", path_);
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

Status File::sync_data() {
  if (::fdatasync(fd_) != 0) return errno_status("cannot sync", path_);
  return {};
}

Status File::truncate(std::uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) return errno_status("cannot truncate", path_);
  return {};
}

Result<std::uint64_t> File::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return errno_status("cannot stat", path_);
  return static_cast<std::uint64_t>(st.st_size);
}

void File::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno_status("cannot open directory", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return errno_status("cannot sync directory", dir);
  return {};
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view content, bool durable) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    TRIB_ASSIGN_OR_RETURN(File f, File::open(tmp, O_WRONLY | O_CREAT | O_TRUNC));
    TRIB_RETURN_IF_ERROR(f.write_all(content.data(), content.size()));
    if (durable) TRIB_RETURN_IF_ERROR(f.sync_data());
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) return errno_status("cannot rename onto", path);
  if (durable) return sync_directory(path.parent_path());
  return {};
}

Result<std::string> read_file(const std::filesystem::path& path) {
  TRIB_ASSIGN_OR_RETURN(File f, File::open(path, O_RDONLY));
  TRIB_ASSIGN_OR_RETURN(std::uint64_t size, f.size());
  std::string out(size, '\0');
  TRIB_ASSIGN_OR_RETURN(std::size_t n, f.pread_up_to(out.data(), out.size(), 0));
  out.resize(n);
  return out;
}

}  // namespace tributary::log
