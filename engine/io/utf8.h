// UTF-8 validation for decoders, which must report where bad bytes are rather than just
// whether there are any.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace tributary::io {

// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
// (overlongs, surrogates and code points above U+10FFFF are ill-formed), or nullopt.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

}  // namespace tributary::io
