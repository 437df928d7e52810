// Small helpers shared by the simulator's sources: fixed-size CTP strings, Beijing time, money rounding.
#pragma once

#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

namespace ctpsim {

/** Copies into a CTP char[N] field, always NUL-terminated, truncating like the real front does. */
template <size_t N>
inline void Put(char (&dst)[N], const std::string &src) {
  size_t n = src.size() < N - 1 ? src.size() : N - 1;
  std::memcpy(dst, src.data(), n);
  std::memset(dst + n, 0, N - n);
}

template <size_t N>
inline void Put(char (&dst)[N], const char *src) {
  Put(dst, std::string(src ? src : ""));
}

template <size_t N>
inline std::string Str(const char (&src)[N]) {
  size_t n = strnlen(src, N);
  return std::string(src, n);
}

inline std::string Trim(const std::string &s) {
  size_t a = s.find_first_not_of(' ');
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(' ');
  return s.substr(a, b - a + 1);
}

template <size_t N>
inline std::string GetTrim(const char (&src)[N]) {
  return Trim(Str(src));
}

/** A price CTP would show: DBL_MAX and non-positive values mean "none". */
inline bool ValidPrice(double p) { return p > 0 && p < DBL_MAX / 2 && std::isfinite(p); }

inline long long MonotonicMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

struct BeijingTime {
  int date;      // yyyymmdd
  int hour, minute, second, millis;
  int minuteOfDay() const { return hour * 60 + minute; }
  std::string Hms() const {
    char b[16];
    std::snprintf(b, sizeof b, "%02d:%02d:%02d", hour, minute, second);
    return b;
  }
};

/** Exchange time is Asia/Shanghai, UTC+8 with no daylight saving: plain arithmetic on the wall clock. */
inline BeijingTime BeijingNow() {
  using namespace std::chrono;
  long long ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + 8LL * 3600 * 1000;
  long long days = ms / 86400000LL;
  long long rem = ms % 86400000LL;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1;
  long long m = mp + (mp < 10 ? 3 : -9);
  if (m <= 2) y++;
  BeijingTime t;
  t.date = static_cast<int>(y * 10000 + m * 100 + d);
  t.hour = static_cast<int>(rem / 3600000);
  t.minute = static_cast<int>(rem / 60000 % 60);
  t.second = static_cast<int>(rem / 1000 % 60);
  t.millis = static_cast<int>(rem % 1000);
  return t;
}

inline int AddDays(int day, int n) {
  // Through days-since-epoch, so months and leap years are right.
  int y = day / 10000, m = day / 100 % 100, d = day % 100;
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  long long days = era * 146097 + doe - 719468 + n;
  long long z = days + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long yy = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  long long dd = doy - (153 * mp + 2) / 5 + 1;
  long long mm = mp + (mp < 10 ? 3 : -9);
  if (mm <= 2) yy++;
  return static_cast<int>(yy * 10000 + mm * 100 + dd);
}

inline int WeekdayOf(int day) {
  // 1970-01-01 was a Thursday (4).
  int y = day / 10000, m = day / 100 % 100, d = day % 100;
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  long long days = era * 146097 + doe - 719468;
  return static_cast<int>(((days % 7) + 11) % 7);
}

inline std::string DayString(int day) { return std::to_string(day); }

}  // namespace ctpsim
