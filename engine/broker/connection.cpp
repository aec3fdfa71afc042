#include "broker/connection.h"

#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <cstdio>
#include <cstdlib>

#include "log/byte_order.h"

namespace tributary::broker {

namespace asio = boost::asio;

Connection::Connection(asio::ip::tcp::socket socket, ConnectionContext context)
    : socket_(std::move(socket)),
      context_(context),
      wait_(socket_.get_executor()),
      deadline_(socket_.get_executor()) {
  boost::system::error_code ec;
  auto endpoint = socket_.remote_endpoint(ec);
  peer_ = ec ? "?" : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  context_.metrics.connections_open.fetch_add(1);
  context_.metrics.connections_total.fetch_add(1);
}

Connection::~Connection() {
  if (reserved_ > 0) context_.budget.give_back(reserved_);
  context_.metrics.connections_open.fetch_sub(1);
}

void Connection::start() {
  read_size();
}

void Connection::drop(const char* why) {
  context_.metrics.rejected_requests.fetch_add(1, std::memory_order_relaxed);
  if (context_.trace) std::fprintf(stderr, "broker: closing %s: %s\n", peer_.c_str(), why);
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

void Connection::read_size() {
  asio::async_read(socket_, asio::buffer(size_bytes_),
                   [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                     if (ec) return;  // closed by the client
                     const std::int32_t size = log::load_be<std::int32_t>(self->size_bytes_.data());
                     // The smallest request header is 10 bytes (key, version, correlation id, null
                     // client id).
                     if (size < 10) return self->drop("frame shorter than a request header");
                     if (static_cast<std::size_t>(size) > self->context_.max_request_bytes) {
                       return self->drop("frame longer than max_request_bytes");
                     }
                     self->reserve_and_read(static_cast<std::size_t>(size));
                   });
}

void Connection::reserve_and_read(std::size_t size) {
  if (!context_.budget.try_take(size)) {
    // Every connection's buffers together are bounded: wait for others to finish.
    wait_.expires_after(std::chrono::milliseconds(1));
    wait_.async_wait([self = shared_from_this(), size](const boost::system::error_code& ec) {
      if (!ec) self->reserve_and_read(size);
    });
    return;
  }
  reserved_ = size;
  read_body(size);
}

void Connection::read_body(std::size_t size) {
  frame_ = std::make_shared<ByteBuffer>(size);
  frame_->resize(size);
  deadline_.expires_after(context_.request_timeout);
  deadline_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
    if (ec) return;  // the body arrived in time
    if (auto self = weak.lock()) self->drop("request body not received in time");
  });
  asio::async_read(socket_, asio::buffer(frame_->data(), size),
                   [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
                     self->deadline_.cancel();
                     if (ec) return;
                     self->context_.metrics.bytes_in.fetch_add(n + 4, std::memory_order_relaxed);
                     self->dispatch();
                   });
}

void Connection::dispatch() {
  context_.metrics.requests.fetch_add(1, std::memory_order_relaxed);
  Request request;
  const FrameProblem problem = parse_request(frame_, request);
  if (problem != FrameProblem::none) return drop(frame_problem_text(problem));
  header_ = request.header;
  api_ = request.api;
  flexible_ = request.flexible;
  request.client_host = peer_;
  if (context_.trace) {
    std::fprintf(stderr, "broker: %s %s v%d correlation %d\n", peer_.c_str(), api_->name,
                 header_.api_version, header_.correlation_id);
  }
  if (const char* dir = std::getenv("TRIBUTARY_BROKER_CAPTURE")) {
    // Debug aid: each request frame as it arrived, for golden tests of the codecs.
    const std::string path = std::string(dir) + "/" + api_->name + "-v" +
                             std::to_string(header_.api_version) + "-request.bin";
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
      std::fwrite(frame_->data(), 1, frame_->size(), f);
      std::fclose(f);
    }
  }
  auto self = shared_from_this();
  context_.handler.handle(std::move(request), socket_.get_executor(), [self](Reply reply) {
    // Group responses may come from another connection's thread: back to our strand.
    asio::post(self->socket_.get_executor(),
               [self, reply = std::move(reply)]() mutable { self->finish(std::move(reply)); });
  });
}

void Connection::finish(Reply reply) {
  if (reserved_ > 0) {
    context_.budget.give_back(reserved_);
    reserved_ = 0;
  }
  frame_.reset();
  if (reply.close) return drop("malformed request");
  if (!reply.body) return read_size();  // acks=0: no response, next request
  // Size, correlation id and (flexible, not ApiVersions) an empty tag block; then the body,
  // with the spliced byte fields in their places, as one gathered write.
  auto response = std::make_shared<Reply>(std::move(reply));
  auto head = std::make_shared<std::array<char, 9>>();
  std::size_t head_size = 8;
  log::store_be<std::int32_t>(head->data() + 4, header_.correlation_id);
  if (response_header_has_tags(*api_, header_.api_version) && flexible_) (*head)[head_size++] = 0;
  const ByteBuffer& body = *response->body;
  std::size_t total = head_size - 4 + body.size();
  for (const auto& s : response->splices) total += s.bytes.size();
  log::store_be<std::int32_t>(head->data(), static_cast<std::int32_t>(total));
  std::vector<asio::const_buffer> buffers;
  buffers.reserve(2 + 2 * response->splices.size());
  buffers.emplace_back(head->data(), head_size);
  std::size_t at = 0;
  for (const auto& s : response->splices) {
    buffers.emplace_back(body.data() + at, s.at - at);
    buffers.emplace_back(s.bytes.data(), s.bytes.size());
    at = s.at;
  }
  buffers.emplace_back(body.data() + at, body.size() - at);
  asio::async_write(socket_, buffers,
                    [self = shared_from_this(), head, response](const boost::system::error_code& ec,
                                                                std::size_t n) {
                      if (ec) return;
                      self->context_.metrics.bytes_out.fetch_add(n, std::memory_order_relaxed);
                      self->read_size();
                    });
}

}  // namespace tributary::broker
