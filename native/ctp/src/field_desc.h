// Describes CTP structs field by field (name, kind, offset, size) so that one converter turns any of them into a
// JS object and back. The tables (gen/fields.gen.h) use offsetof on the SDK's own field names: the addon reads
// whatever layout the headers it is compiled against have.
#pragma once

#include <napi.h>

#include <cstddef>

namespace ctpaddon {

enum class FieldKind : unsigned char { Str, Char, Int, Double, Bytes };

template <typename T>
struct KindOf;
template <>
struct KindOf<char> {
  static constexpr FieldKind value = FieldKind::Char;
};
template <std::size_t N>
struct KindOf<char[N]> {
  static constexpr FieldKind value = FieldKind::Str;
};
template <>
struct KindOf<int> {
  static constexpr FieldKind value = FieldKind::Int;
};
template <>
struct KindOf<short> {
  static constexpr FieldKind value = FieldKind::Int;
};
template <>
struct KindOf<double> {
  static constexpr FieldKind value = FieldKind::Double;
};

struct FieldDesc {
  const char *name;
  FieldKind kind;
  std::size_t offset;
  std::size_t size;
};

struct StructDesc {
  const char *name;
  std::size_t size;
  const FieldDesc *fields;
  std::size_t count;
};

#define CTP_FIELD(S, F) ::ctpaddon::FieldDesc{#F, ::ctpaddon::KindOf<decltype(S::F)>::value, offsetof(S, F), sizeof(S::F)}
#define CTP_BYTES_FIELD(S, F) ::ctpaddon::FieldDesc{#F, ::ctpaddon::FieldKind::Bytes, offsetof(S, F), sizeof(S::F)}

template <typename S>
struct DescOf;

/** A JS object with every field of the struct (text converted from GBK to UTF-8). */
Napi::Object ToJs(Napi::Env env, const StructDesc &desc, const void *data);

/**
 * Fills `out` (zeroed by the caller) from a JS object. Unknown fields, wrong types and text too long for its field
 * throw a TypeError naming the struct and field; returns false then.
 */
bool FromJs(Napi::Env env, Napi::Object obj, const StructDesc &desc, void *out);

}  // namespace ctpaddon
