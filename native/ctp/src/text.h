// CTP text is GBK (GB18030): converted here, on the JS thread, to and from the UTF-8 that JS strings use.
#pragma once

#include <cstddef>
#include <string>

namespace ctpaddon {

/** UTF-8 of GBK bytes; an invalid or cut-off sequence becomes U+FFFD rather than failing. */
std::string GbkToUtf8(const char *data, std::size_t len);
/** GBK bytes of UTF-8 text; false if a character has no GBK form. */
bool Utf8ToGbk(const std::string &utf8, std::string &out);

inline bool IsAscii(const char *data, std::size_t len) {
  for (std::size_t i = 0; i < len; i++)
    if (static_cast<unsigned char>(data[i]) >= 0x80) return false;
  return true;
}

}  // namespace ctpaddon
