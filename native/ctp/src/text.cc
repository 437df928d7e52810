#include "text.h"

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <cerrno>
#include <iconv.h>
#endif

namespace ctpaddon {

#ifdef _WIN32

static const UINT kGb18030 = 54936;

std::string GbkToUtf8(const char *data, std::size_t len) {
  if (len == 0) return std::string();
  int wlen = MultiByteToWideChar(kGb18030, 0, data, static_cast<int>(len), nullptr, 0);
  std::wstring w(static_cast<std::size_t>(wlen), L'\0');
  MultiByteToWideChar(kGb18030, 0, data, static_cast<int>(len), &w[0], wlen);
  int ulen = WideCharToMultiByte(CP_UTF8, 0, w.data(), wlen, nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(ulen), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w.data(), wlen, &out[0], ulen, nullptr, nullptr);
  return out;
}

bool Utf8ToGbk(const std::string &utf8, std::string &out) {
  int wlen = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
  if (wlen <= 0 && !utf8.empty()) return false;
  std::wstring w(static_cast<std::size_t>(wlen), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), &w[0], wlen);
  BOOL lossy = FALSE;
  int glen = WideCharToMultiByte(kGb18030, 0, w.data(), wlen, nullptr, 0, nullptr, nullptr);
  out.assign(static_cast<std::size_t>(glen), '\0');
  WideCharToMultiByte(kGb18030, 0, w.data(), wlen, &out[0], glen, nullptr, nullptr);
  (void)lossy;
  return true;
}

#else

namespace {

/** One converter per thread and direction, opened on first use (conversions run on the JS thread). */
iconv_t Converter(bool toUtf8) {
  thread_local iconv_t toU = reinterpret_cast<iconv_t>(-1);
  thread_local iconv_t toG = reinterpret_cast<iconv_t>(-1);
  iconv_t &cd = toUtf8 ? toU : toG;
  if (cd == reinterpret_cast<iconv_t>(-1)) cd = toUtf8 ? iconv_open("UTF-8", "GB18030") : iconv_open("GB18030", "UTF-8");
  return cd;
}

}  // namespace

std::string GbkToUtf8(const char *data, std::size_t len) {
  iconv_t cd = Converter(true);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::string(data, len);
  std::string out;
  out.resize(len * 3 + 8);
  char *in = const_cast<char *>(data);
  std::size_t inLeft = len;
  char *dst = &out[0];
  std::size_t dstLeft = out.size();
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  while (inLeft > 0) {
    std::size_t r = iconv(cd, &in, &inLeft, &dst, &dstLeft);
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) break;  // cannot happen with 3 bytes out per byte in
    // EILSEQ or EINVAL (a character cut off at the end): one replacement character, then go on.
    if (dstLeft < 3) break;
    *dst++ = '\xEF';
    *dst++ = '\xBF';
    *dst++ = '\xBD';
    dstLeft -= 3;
    in++;
    inLeft--;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
  }
  out.resize(out.size() - dstLeft);
  return out;
}

bool Utf8ToGbk(const std::string &utf8, std::string &out) {
  iconv_t cd = Converter(false);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.assign(utf8.size() * 2 + 8, '\0');
  char *in = const_cast<char *>(utf8.data());
  std::size_t inLeft = utf8.size();
  char *dst = &out[0];
  std::size_t dstLeft = out.size();
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  std::size_t r = iconv(cd, &in, &inLeft, &dst, &dstLeft);
  if (r == static_cast<std::size_t>(-1)) return false;
  out.resize(out.size() - dstLeft);
  return true;
}

#endif

}  // namespace ctpaddon
