// Encodes and decodes any message of messages/ at a given version, from its one serde()
// description. Decoded byte fields point into the input, which must outlive the message.
#pragma once

#include <cstdint>
#include <optional>

#include "broker/protocol_reader.h"
#include "broker/protocol_writer.h"
#include "core/byte_buffer.h"

namespace tributary::broker {

template <class Message>
void encode(const Message& m, std::int16_t version, bool flexible, ByteBuffer& out) {
  ProtocolWriter w(out, flexible);
  const_cast<Message&>(m).serde(w, version);
}

// Null when the bytes are malformed or do not end where the message does.
template <class Message>
std::optional<Message> decode(Bytes in, std::int16_t version, bool flexible) {
  ProtocolReader r(in, flexible);
  Message m;
  m.serde(r, version);
  if (!r.ok() || r.remaining() != 0) return std::nullopt;
  return m;
}

}  // namespace tributary::broker
