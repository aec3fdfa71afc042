#include "io/tcp_source.h"

#include <array>
#include <chrono>
#include <cstring>
#include <deque>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "io/csv_decoder.h"
#include "io/json_decoder.h"

namespace tributary::io {
namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::size_t kReadBytes = 64 * 1024;
constexpr std::size_t kOversizeKept = 1024;  // of a line too long, what its dead letter keeps

std::string host_port(const std::string& host, int port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// A line received, or what could not be one (`reason` says why).
struct Line {
  std::string text;
  std::shared_ptr<const std::string> peer;  // shared by the lines of one connection
  std::uint64_t number = 0;
  std::string reason;
};

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

// What a queued line costs, so that many short lines are bounded as well as a few long ones.
std::size_t footprint(const Line& l) {
  return sizeof(Line) + l.text.size() + l.reason.size();
}

}  // namespace

struct TcpSource::Impl {
  struct Connection {
    explicit Connection(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    std::shared_ptr<const std::string> peer;
    std::array<char, kReadBytes> buffer;
    std::string partial;     // the line being received
    std::uint64_t line = 1;  // its number
    bool oversize = false;   // partial holds only the start of a line that is too long
  };
  using ConnectionPtr = std::shared_ptr<Connection>;

  explicit Impl(TcpSpec s) : spec(std::move(s)) {}

  TcpSpec spec;
  asio::io_context io;  // first: destroyed after the sockets and timers that use it
  tcp::acceptor acceptor{io};
  asio::steady_timer retry{io};
  int port = 0;
  std::thread thread;
  // The I/O thread's own.
  std::unordered_set<ConnectionPtr> connections;
  std::vector<ConnectionPtr> paused;  // not reading while the queue is full
  bool stopping = false;
  // Shared by the I/O thread and next().
  std::mutex mutex;
  std::deque<Line> queue;
  std::size_t queued_bytes = 0;
  bool reads_paused = false;
  // The caller's (next()) own.
  std::unique_ptr<JsonDecoder> json;
  std::unique_ptr<CsvDecoder> csv;

  Status listen() {
    const std::string where = host_port(spec.host, spec.port);
    error_code ec;
    tcp::endpoint endpoint;
    const auto address = asio::ip::make_address(spec.host, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, static_cast<unsigned short>(spec.port));
    } else {
      tcp::resolver resolver(io);
      const auto found =
          resolver.resolve(spec.host, std::to_string(spec.port),
                           tcp::resolver::passive | tcp::resolver::numeric_service, ec);
      if (ec || found.empty()) {
        return error(ErrorCode::invalid_argument,
                     "cannot listen on " + where + ": " + (ec ? ec.message() : "no address"));
      }
      endpoint = found.begin()->endpoint();
    }
    auto failed = [&](const error_code& e) {
      return error(ErrorCode::io_error, "cannot listen on " + where + ": " + e.message());
    };
    if (acceptor.open(endpoint.protocol(), ec); ec) return failed(ec);
    // A restarted pipeline can take its port back while old connections linger in TIME_WAIT.
    if (acceptor.set_option(tcp::acceptor::reuse_address(true), ec); ec) return failed(ec);
    if (acceptor.bind(endpoint, ec); ec) return failed(ec);
    if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec) return failed(ec);
    const auto local = acceptor.local_endpoint(ec);
    if (ec) return failed(ec);
    port = local.port();
    return {};
  }

  void start() {
    accept();
    thread = std::thread([this] { io.run(); });
  }

  void stop() {
    asio::post(io, [this] { close_all(); });
    if (thread.joinable()) thread.join();
    close_all();  // in case the loop had already ended: no socket may outlive the io_context
  }

  void close_all() {
    stopping = true;
    error_code ignored;
    acceptor.close(ignored);
    retry.cancel();
    for (const auto& c : connections) c->socket.close(ignored);
    connections.clear();
    paused.clear();
  }

  void accept() {
    auto c = std::make_shared<Connection>(io);
    acceptor.async_accept(c->socket, [this, c](const error_code& ec) {
      if (stopping) return;
      if (ec) {
        // The client gave up, or no file descriptor is left: try again in a moment rather
        // than spinning on an error that persists.
        retry.expires_after(std::chrono::milliseconds(100));
        retry.async_wait([this](const error_code& e) {
          if (!e && !stopping) accept();
        });
        return;
      }
      error_code peer_ec;
      const auto remote = c->socket.remote_endpoint(peer_ec);
      c->peer = std::make_shared<const std::string>(
          peer_ec ? std::string("?") : host_port(remote.address().to_string(), remote.port()));
      connections.insert(c);
      read(c);
      accept();
    });
  }

  void read(const ConnectionPtr& c) {
    c->socket.async_read_some(
        asio::buffer(c->buffer),
        [this, c](const error_code& ec, std::size_t n) { on_read(c, ec, n); });
  }

  void on_read(const ConnectionPtr& c, const error_code& ec, std::size_t n) {
    if (stopping) return;
    std::vector<Line> lines;
    split(*c, std::string_view(c->buffer.data(), n), lines);
    if (ec) {
      // End of stream or a reset: what is left is a record cut short.
      if (c->oversize || !is_blank(c->partial)) {
        Line l = take_line(*c);
        if (l.reason.empty()) l.reason = "connection closed mid-record";
        lines.push_back(std::move(l));
      }
      enqueue(lines);
      error_code ignored;
      c->socket.close(ignored);
      connections.erase(c);
      return;
    }
    if (enqueue(lines)) {
      paused.push_back(c);  // next() resumes it once the queue has room
    } else {
      read(c);
    }
  }

  // Appends the complete lines of `data` to `out`; keeps the rest in the connection.
  void split(Connection& c, std::string_view data, std::vector<Line>& out) {
    while (!data.empty()) {
      const void* nl = std::memchr(data.data(), '\n', data.size());
      const std::size_t take = nl ? static_cast<const char*>(nl) - data.data() : data.size();
      const std::string_view piece = data.substr(0, take);
      if (!c.oversize && c.partial.size() + piece.size() > spec.max_line_bytes) {
        c.oversize = true;
        c.partial.append(
            piece.substr(0, kOversizeKept - std::min(kOversizeKept, c.partial.size())));
        c.partial.resize(std::min(c.partial.size(), kOversizeKept));
      } else if (!c.oversize) {
        c.partial.append(piece);
      }
      if (!nl) return;
      Line l = take_line(c);
      if (!l.reason.empty() || !is_blank(l.text)) out.push_back(std::move(l));
      data.remove_prefix(take + 1);
    }
  }

  // The connection's current line, which ends here.
  Line take_line(Connection& c) {
    Line l;
    l.peer = c.peer;
    l.number = c.line++;
    l.text = std::move(c.partial);
    c.partial.clear();
    if (c.oversize) {
      l.reason = "line longer than " + std::to_string(spec.max_line_bytes) + " bytes (the first " +
                 std::to_string(kOversizeKept) + " kept)";
      c.oversize = false;
      return l;
    }
    if (!l.text.empty() && l.text.back() == '\r') l.text.pop_back();
    // A byte order mark, as Windows tools send before a file's first line.
    if (l.number == 1 && l.text.starts_with("\xEF\xBB\xBF")) l.text.erase(0, 3);
    return l;
  }

  // Queues the lines; true when the queue is full, and reading should pause.
  bool enqueue(std::vector<Line>& lines) {
    std::lock_guard lock(mutex);
    for (auto& l : lines) {
      queued_bytes += footprint(l);
      queue.push_back(std::move(l));
    }
    if (queued_bytes < spec.max_queued_bytes) return false;
    reads_paused = true;
    return true;
  }

  // Up to `max` queued lines; resumes paused connections once the queue is half empty.
  std::vector<Line> dequeue(std::size_t max) {
    std::vector<Line> out;
    std::lock_guard lock(mutex);
    const std::size_t n = std::min(max, queue.size());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      queued_bytes -= footprint(queue.front());
      out.push_back(std::move(queue.front()));
      queue.pop_front();
    }
    if (reads_paused && queued_bytes <= spec.max_queued_bytes / 2) {
      reads_paused = false;
      asio::post(io, [this] {
        if (stopping) return;
        for (const auto& c : paused) read(c);
        paused.clear();
      });
    }
    return out;
  }

  static std::string position_of(const Line& l) {
    return "tcp " + *l.peer + " line " + std::to_string(l.number);
  }

  Status decode(std::vector<Line>& lines, Batch& out, std::vector<DeadLetter>& dead) {
    if (spec.format == TcpSpec::Format::jsonl) {
      if (!json) json = std::make_unique<JsonDecoder>(spec.schema);
      for (auto& l : lines) {
        if (!l.reason.empty()) {
          dead.push_back({std::move(l.reason), position_of(l), std::move(l.text)});
          continue;
        }
        const std::size_t before = dead.size();
        // The position is only built for a line that turns out bad.
        TRIB_RETURN_IF_ERROR(json->decode_value(l.text, std::string(), out, dead));
        if (dead.size() > before) dead.back().position = position_of(l);
      }
      return {};
    }
    if (!csv) csv = CsvDecoder::for_schema(spec.schema);
    for (auto& l : lines) {
      if (!l.reason.empty()) {
        dead.push_back({std::move(l.reason), position_of(l), std::move(l.text)});
        continue;
      }
      // Each line is a whole record: finish() ends it, so that an unterminated quote cannot
      // swallow the lines that follow (which may come from other connections).
      csv->feed(l.text);
      csv->finish();
      for (auto& d : csv->take_dead_letters()) {
        d.position = position_of(l);
        dead.push_back(std::move(d));
      }
    }
    const Batch rows = csv->take_batch();
    for (std::size_t r = 0; r < rows.num_rows(); ++r) {
      for (std::size_t c = 0; c < out.num_columns(); ++c)
        out.column(c).append_from(rows.column(c), r);
    }
    return {};
  }
};

Result<std::unique_ptr<TcpSource>> TcpSource::open(const TcpSpec& spec) {
  if (spec.port < 0 || spec.port > 65535)
    return error(ErrorCode::invalid_argument, "port: must be between 0 and 65535");
  if (spec.max_line_bytes == 0 || spec.max_queued_bytes == 0)
    return error(ErrorCode::invalid_argument, "line and queue limits must be positive");
  std::unique_ptr<TcpSource> source(new TcpSource());
  source->impl_ = std::make_unique<Impl>(spec);
  TRIB_RETURN_IF_ERROR(source->impl_->listen());
  source->impl_->start();
  return source;
}

TcpSource::~TcpSource() {
  if (impl_) impl_->stop();
}

int TcpSource::port() const {
  return impl_->port;
}

const Schema& TcpSource::schema() const {
  return impl_->spec.schema;
}

Status TcpSource::seek(std::int64_t n) {
  // Nothing to skip: a socket cannot give back what it delivered before a restart, so rows
  // in flight then are lost (at most once) and the new ones take the ordinals after the
  // topic's last, which the writer never mistakes for rows it already holds.
  next_ = n;
  return {};
}

Status TcpSource::next(std::size_t max, Batch& out, std::vector<DeadLetter>& dead) {
  if (out.num_columns() == 0 && out.num_rows() == 0) out = Batch(impl_->spec.schema);
  if (out.schema() != impl_->spec.schema)
    return error(ErrorCode::invalid_argument, "batch schema differs from the source's");
  std::vector<Line> lines = impl_->dequeue(max);
  const std::size_t before = out.num_rows();
  TRIB_RETURN_IF_ERROR(impl_->decode(lines, out, dead));
  next_ += static_cast<std::int64_t>(out.num_rows() - before);
  return {};
}

}  // namespace tributary::io
