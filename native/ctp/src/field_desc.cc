#include "field_desc.h"

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "text.h"

namespace ctpaddon {

Napi::Object ToJs(Napi::Env env, const StructDesc &desc, const void *data) {
  // One N-API call for the whole object: every field's value first, then all of them defined at once.
  std::vector<napi_property_descriptor> heap;
  napi_property_descriptor stackProps[96];
  napi_property_descriptor *props = stackProps;
  if (desc.count > 96) {
    heap.resize(desc.count);
    props = heap.data();
  }
  const std::size_t n = desc.count;
  const char *base = static_cast<const char *>(data);
  for (std::size_t i = 0; i < n; i++) {
    const FieldDesc &f = desc.fields[i];
    const char *p = base + f.offset;
    napi_value v = nullptr;
    switch (f.kind) {
      case FieldKind::Str: {
        std::size_t len = strnlen(p, f.size);
        if (IsAscii(p, len)) napi_create_string_latin1(env, p, len, &v);
        else {
          std::string utf8 = GbkToUtf8(p, len);
          napi_create_string_utf8(env, utf8.data(), utf8.size(), &v);
        }
        break;
      }
      case FieldKind::Char: {
        char c = *p;
        napi_create_string_latin1(env, &c, c ? 1 : 0, &v);
        break;
      }
      case FieldKind::Int: {
        int iv;
        if (f.size == sizeof(int)) std::memcpy(&iv, p, sizeof iv);
        else {
          short sv;
          std::memcpy(&sv, p, sizeof sv);
          iv = sv;
        }
        napi_create_int32(env, iv, &v);
        break;
      }
      case FieldKind::Double: {
        double d;
        std::memcpy(&d, p, sizeof d);
        napi_create_double(env, d, &v);
        break;
      }
      case FieldKind::Bytes: {
        std::size_t len = strnlen(p, f.size);
        v = Napi::Buffer<char>::Copy(env, p, len);
        break;
      }
    }
    props[i] = napi_property_descriptor{f.name, nullptr, nullptr, nullptr, nullptr, v, napi_default_jsproperty, nullptr};
  }
  napi_value obj;
  napi_create_object(env, &obj);
  napi_define_properties(env, obj, n, props);
  return Napi::Object(env, obj);
}

static bool Fail(Napi::Env env, const StructDesc &desc, const char *field, const std::string &what) {
  Napi::TypeError::New(env, std::string(desc.name) + "." + field + ": " + what).ThrowAsJavaScriptException();
  return false;
}

bool FromJs(Napi::Env env, Napi::Object obj, const StructDesc &desc, void *out) {
  char *base = static_cast<char *>(out);
  Napi::Array keys = obj.GetPropertyNames();
  for (uint32_t k = 0; k < keys.Length(); k++) {
    std::string key = keys.Get(k).ToString().Utf8Value();
    const FieldDesc *f = nullptr;
    for (std::size_t i = 0; i < desc.count; i++)
      if (key == desc.fields[i].name) f = &desc.fields[i];
    if (!f) {
      Napi::TypeError::New(env, std::string(desc.name) + ": unknown field \"" + key + "\"").ThrowAsJavaScriptException();
      return false;
    }
    Napi::Value v = obj.Get(key);
    if (v.IsUndefined()) continue;
    char *p = base + f->offset;
    switch (f->kind) {
      case FieldKind::Str: {
        if (!v.IsString()) return Fail(env, desc, f->name, "expected a string");
        std::string s = v.As<Napi::String>().Utf8Value();
        std::string bytes;
        if (IsAscii(s.data(), s.size())) bytes = s;
        else if (!Utf8ToGbk(s, bytes)) return Fail(env, desc, f->name, "\"" + s + "\" has characters that GBK cannot encode");
        if (bytes.size() >= f->size) return Fail(env, desc, f->name, "\"" + s + "\" is longer than " + std::to_string(f->size - 1) + " bytes");
        std::memset(p, 0, f->size);
        std::memcpy(p, bytes.data(), bytes.size());
        break;
      }
      case FieldKind::Char: {
        if (v.IsString()) {
          std::string s = v.As<Napi::String>().Utf8Value();
          if (s.size() > 1) return Fail(env, desc, f->name, "expected one character, got \"" + s + "\"");
          *p = s.empty() ? '\0' : s[0];
        } else {
          return Fail(env, desc, f->name, "expected a one-character string");
        }
        break;
      }
      case FieldKind::Int: {
        double d;
        if (v.IsBoolean()) d = v.As<Napi::Boolean>().Value() ? 1 : 0;
        else if (v.IsNumber()) d = v.As<Napi::Number>().DoubleValue();
        else return Fail(env, desc, f->name, "expected an integer");
        if (!(std::floor(d) == d) || d < -2147483648.0 || d > 2147483647.0) return Fail(env, desc, f->name, "expected an integer, got " + std::to_string(d));
        int iv = static_cast<int>(d);
        if (f->size == sizeof(int)) std::memcpy(p, &iv, sizeof iv);
        else {
          short sv = static_cast<short>(iv);
          std::memcpy(p, &sv, sizeof sv);
        }
        break;
      }
      case FieldKind::Double: {
        if (!v.IsNumber()) return Fail(env, desc, f->name, "expected a number");
        double d = v.As<Napi::Number>().DoubleValue();
        if (std::isnan(d)) return Fail(env, desc, f->name, "expected a number, got NaN");
        std::memcpy(p, &d, sizeof d);
        break;
      }
      case FieldKind::Bytes: {
        if (!v.IsBuffer() && !v.IsTypedArray()) return Fail(env, desc, f->name, "expected a Buffer");
        Napi::Uint8Array a = v.As<Napi::Uint8Array>();
        if (a.ByteLength() >= f->size) return Fail(env, desc, f->name, "longer than " + std::to_string(f->size - 1) + " bytes");
        std::memset(p, 0, f->size);
        std::memcpy(p, a.Data(), a.ByteLength());
        break;
      }
    }
  }
  return true;
}

}  // namespace ctpaddon
