// source.tcp's rows: newline-delimited records (JSON lines, or CSV without a header row) sent
// by any number of clients to a listening socket, typed by the node's schema.
//
// Delivery: at most once. A socket cannot be replayed, so rows that were read but not yet
// appended to the topic when the process dies (in this source's queue, in the kernel's
// buffers, or sent while nothing listened) are lost. Rows that were appended are never
// appended again: after a restart, ordinals simply continue from where the topic ends.
//
// One I/O thread accepts connections and splits what they send into lines; complete lines
// wait in a queue of bounded size (reading from every connection pauses while it is full, so
// a fast sender is slowed by TCP flow control rather than by memory) and next() decodes them
// on the caller's thread without blocking. Lines from one connection keep their order; lines
// of different connections interleave as they arrive. LF or CRLF ends a line; blank lines are
// skipped. A line that does not decode, one longer than `max_line_bytes`, or a partial last
// line when its connection closes becomes a dead letter at `tcp <peer> line <n>`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "io/row_source.h"

namespace tributary::io {

struct TcpSpec {
  std::string host = "127.0.0.1";  // an address or a name to bind
  int port = 0;                    // 0 = a free port chosen by the system (tests)
  enum class Format { jsonl, csv } format = Format::jsonl;
  Schema schema;  // the fields of each record, in CSV column order
  std::size_t max_line_bytes = 1 << 20;
  std::size_t max_queued_bytes = 8 << 20;  // reads pause above this
};

class TcpSource final : public RowSource {
 public:
  // Binds and starts listening; an error names host:port.
  static Result<std::unique_ptr<TcpSource>> open(const TcpSpec& spec);
  ~TcpSource() override;  // closes every connection and stops the I/O thread

  // The port listened on (the chosen one when the spec asked for 0).
  int port() const;

  const Schema& schema() const override;
  // Only sets the ordinal of the next row: what was sent before cannot be read again.
  Status seek(std::int64_t n) override;
  Status next(std::size_t max, Batch& out, std::vector<DeadLetter>& dead) override;
  bool done() const override { return false; }  // a listener never ends by itself
  std::int64_t position() const override { return next_; }

 private:
  struct Impl;
  TcpSource() = default;

  std::unique_ptr<Impl> impl_;
  std::int64_t next_ = 0;
};

}  // namespace tributary::io
