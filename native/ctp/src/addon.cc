// The CTP addon: CThostFtdcTraderApi and CThostFtdcMdApi for JS. It uses nothing beyond the SDK's own headers and
// libraries, so it builds unchanged against the broker's real SDK (CTP_SDK_DIR) or against ctp-sim.
//
// Lifetime: an API object is never deleted; Release() first unregisters the SPI (RegisterSpi(NULL)), then calls the
// SDK's Release(), which joins CTP's threads. Only then is the thread-safe function released; events already queued
// are still delivered, and the queue and SPI are freed by the thread-safe function's finalizer. If JS shuts down
// without a Release(), an environment cleanup hook (registered after the thread-safe function, so it runs before
// the function is torn down) does the same.
#include <napi.h>

#include <memory>
#include <string>
#include <vector>

#include "ThostFtdcMdApi.h"
#include "ThostFtdcTraderApi.h"
#include "event_queue.h"
#include "field_desc.h"
#include "gen/callbacks.gen.h"
#include "gen/fields.gen.h"

namespace ctpaddon {

// ---- events to JS --------------------------------------------------------------------------------------------------

static Napi::Object EventToJs(Napi::Env env, const Event &e) {
  Napi::Object obj = Napi::Object::New(env);
  obj.Set("name", Napi::String::New(env, e.cb->name));
  obj.Set("t", Napi::Number::New(env, e.t));
  if (e.cb->hasData) obj.Set("data", e.hasData ? ToJs(env, *e.cb->data, e.data) : env.Null());
  if (e.cb->rsp) obj.Set("rspInfo", e.hasRsp ? ToJs(env, kCThostFtdcRspInfoField, &e.rsp) : env.Null());
  if (e.cb->req) {
    obj.Set("requestId", Napi::Number::New(env, e.requestId));
    obj.Set("isLast", Napi::Boolean::New(env, e.isLast));
  }
  if (e.cb->intKey) obj.Set(e.cb->intKey, Napi::Number::New(env, e.intArg));
  return obj;
}

/**
 * Whether JS may run now. While Node tears an environment down it still runs pending thread-safe calls, but every
 * N-API call that could run JS fails then, and node-addon-api would turn that failure into a fatal error.
 */
static bool CanRunJs(napi_env env) {
  napi_value obj, value;
  if (napi_create_object(env, &obj) != napi_ok || napi_get_boolean(env, true, &value) != napi_ok) return false;
  return napi_set_named_property(env, obj, "probe", value) == napi_ok;
}

void DrainToJs(Napi::Env env, Napi::Function callback, EventQueue *queue, std::nullptr_t *) {
  if (env == nullptr || queue == nullptr) return;
  std::vector<Event> &batch = queue->scratch;
  queue->TakeAll(batch);
  if (!CanRunJs(env)) {
    batch.clear();
    return;
  }
  // In chunks, each in its own handle scope, so that a burst of thousands does not pile up handles.
  const std::size_t kChunk = 256;
  for (std::size_t start = 0; start < batch.size(); start += kChunk) {
    Napi::HandleScope scope(env);
    std::size_t n = std::min(kChunk, batch.size() - start);
    Napi::Array arr = Napi::Array::New(env, n);
    for (std::size_t i = 0; i < n; i++) arr.Set(static_cast<uint32_t>(i), EventToJs(env, batch[start + i]));
    napi_value argv[1] = {arr};
    napi_status status = napi_call_function(env, env.Undefined(), callback, 1, argv, nullptr);
    if (status != napi_ok) {
      bool pending = false;
      napi_is_exception_pending(env, &pending);
      if (!pending) break;  // JS can no longer run (the environment is shutting down): nothing left to deliver to
      // A throwing handler is reported as an uncaught exception; the remaining events are still delivered.
      napi_value err;
      napi_get_and_clear_last_exception(env, &err);
      napi_fatal_exception(env, err);
    }
  }
  batch.clear();
}

// ---- the shared part of both wrappers ------------------------------------------------------------------------------

template <class Api, class SpiBridge, class Derived>
class ApiWrap : public Napi::ObjectWrap<Derived> {
 public:
  explicit ApiWrap(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Derived>(info), env_(info.Env()) {}

  ~ApiWrap() { Shutdown(true); }

 protected:
  struct Bridge {
    EventQueue queue;
    std::unique_ptr<SpiBridge> spi;
  };

  /** Checks (flowPath, onEvents) and starts the event channel; false with a JS exception pending if bad. */
  bool Begin(const Napi::CallbackInfo &info, const char *resource, std::string &flowPath) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsString() || !info[1].IsFunction()) {
      Napi::TypeError::New(env, std::string(resource) + ": expected (flowPath: string, onEvents: (events) => void, options?)").ThrowAsJavaScriptException();
      return false;
    }
    flowPath = info[0].As<Napi::String>().Utf8Value();
    if (flowPath.empty() || (flowPath.back() != '/' && flowPath.back() != '\\')) {
      Napi::TypeError::New(env, std::string(resource) + ": flowPath must be an existing folder ending with a path separator, got \"" + flowPath + "\"").ThrowAsJavaScriptException();
      return false;
    }
    bridge_ = new Bridge();
    // The bridge (queue and SPI) is freed by the finalizer, which runs after the last queued drain.
    tsfn_ = EventTsfn::New(env, info[1].As<Napi::Function>(), resource, 0, 1, &bridge_->queue, [](Napi::Env, Bridge *bridge, EventQueue *) { delete bridge; }, bridge_);
    bridge_->queue.SetTsfn(tsfn_);
    // An idle API does not keep the process alive; the gateway's own timers do that while it runs.
    tsfn_.Unref(env);
    return true;
  }

  /** After the SDK object exists: register the SPI and the shutdown hook. */
  void Attach(Api *api) {
    api_ = api;
    bridge_->spi.reset(new SpiBridge(&bridge_->queue));
    api_->RegisterSpi(bridge_->spi.get());
    napi_add_env_cleanup_hook(env_, CleanupHook, this);
    hooked_ = true;
  }

  static void CleanupHook(void *arg) {
    ApiWrap *self = static_cast<ApiWrap *>(arg);
    self->hooked_ = false;
    self->Shutdown(false);
  }

  void Shutdown(bool removeHook) {
    if (removeHook && hooked_) {
      napi_remove_env_cleanup_hook(env_, CleanupHook, this);
      hooked_ = false;
    }
    if (api_ != nullptr) {
      api_->RegisterSpi(nullptr);
      api_->Release();  // joins CTP's threads: no callback runs after this returns
      api_ = nullptr;
    }
    if (bridge_ != nullptr) {
      bridge_->queue.Close();
      bridge_ = nullptr;
      tsfn_.Release();
    }
  }

  bool Alive(const Napi::CallbackInfo &info) {
    if (api_ != nullptr) return true;
    Napi::Error::New(info.Env(), "CTP API object already released").ThrowAsJavaScriptException();
    return false;
  }

  Napi::Value Release(const Napi::CallbackInfo &info) {
    Shutdown(true);
    return info.Env().Undefined();
  }

  Napi::Value Init(const Napi::CallbackInfo &info) {
    if (!Alive(info)) return info.Env().Undefined();
    api_->Init();
    return info.Env().Undefined();
  }

  Napi::Value RegisterFront(const Napi::CallbackInfo &info) {
    if (!Alive(info)) return info.Env().Undefined();
    if (info.Length() < 1 || !info[0].IsString()) {
      Napi::TypeError::New(info.Env(), "RegisterFront: expected an address such as \"tcp://180.168.146.187:10201\"").ThrowAsJavaScriptException();
      return info.Env().Undefined();
    }
    std::string address = info[0].As<Napi::String>().Utf8Value();
    std::vector<char> buf(address.begin(), address.end());
    buf.push_back('\0');
    api_->RegisterFront(buf.data());
    return info.Env().Undefined();
  }

  Napi::Value GetTradingDay(const Napi::CallbackInfo &info) {
    if (!Alive(info)) return info.Env().Undefined();
    const char *day = api_->GetTradingDay();
    return Napi::String::New(info.Env(), day ? day : "");
  }

  Api *api_ = nullptr;

 private:
  napi_env env_;
  Bridge *bridge_ = nullptr;
  EventTsfn tsfn_;
  bool hooked_ = false;
};

// ---- TraderApi -----------------------------------------------------------------------------------------------------

class TraderWrap : public ApiWrap<CThostFtdcTraderApi, TraderSpiBridge, TraderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    std::vector<Napi::ClassPropertyDescriptor<TraderWrap>> props = {
        InstanceMethod("Init", &TraderWrap::Init),
        InstanceMethod("Release", &TraderWrap::Release),
        InstanceMethod("RegisterFront", &TraderWrap::RegisterFront),
        InstanceMethod("GetTradingDay", &TraderWrap::GetTradingDay),
        InstanceMethod("GetFrontInfo", &TraderWrap::GetFrontInfo),
        InstanceMethod("SubscribePrivateTopic", &TraderWrap::SubscribePrivateTopic),
        InstanceMethod("SubscribePublicTopic", &TraderWrap::SubscribePublicTopic),
#define CTP_DEFINE_REQ(Method, Field) InstanceMethod(#Method, &TraderWrap::Req<Field, &CThostFtdcTraderApi::Method>),
        CTP_TRADER_REQUESTS(CTP_DEFINE_REQ)
#undef CTP_DEFINE_REQ
    };
    return DefineClass(env, "TraderApi", props);
  }

  explicit TraderWrap(const Napi::CallbackInfo &info) : ApiWrap(info) {
    std::string flowPath;
    if (!Begin(info, "TraderApi", flowPath)) return;
    bool production = true;
    if (info.Length() > 2 && info[2].IsObject()) {
      Napi::Value v = info[2].As<Napi::Object>().Get("productionMode");
      if (v.IsBoolean()) production = v.As<Napi::Boolean>().Value();
    }
    Attach(CThostFtdcTraderApi::CreateFtdcTraderApi(flowPath.c_str(), production));
  }

 private:
  template <typename F, int (CThostFtdcTraderApi::*M)(F *, int)>
  Napi::Value Req(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!Alive(info)) return env.Undefined();
    if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsNumber()) {
      Napi::TypeError::New(env, std::string("expected (fields: ") + DescOf<F>::get().name + ", requestId: number)").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    F fields;
    std::memset(&fields, 0, sizeof fields);
    if (!FromJs(env, info[0].As<Napi::Object>(), DescOf<F>::get(), &fields)) return env.Undefined();
    int rc = (api_->*M)(&fields, info[1].As<Napi::Number>().Int32Value());
    return Napi::Number::New(env, rc);
  }

  Napi::Value GetFrontInfo(const Napi::CallbackInfo &info) {
    if (!Alive(info)) return info.Env().Undefined();
    CThostFtdcFrontInfoField f;
    std::memset(&f, 0, sizeof f);
    api_->GetFrontInfo(&f);
    return ToJs(info.Env(), kCThostFtdcFrontInfoField, &f);
  }

  Napi::Value Topic(const Napi::CallbackInfo &info, bool isPrivate) {
    Napi::Env env = info.Env();
    if (!Alive(info)) return env.Undefined();
    int n = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : -1;
    if (n < THOST_TERT_RESTART || n > THOST_TERT_NONE) {
      Napi::TypeError::New(env, "expected THOST_TERT_RESTART (0), RESUME (1), QUICK (2) or NONE (3)").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (isPrivate) api_->SubscribePrivateTopic(static_cast<THOST_TE_RESUME_TYPE>(n));
    else api_->SubscribePublicTopic(static_cast<THOST_TE_RESUME_TYPE>(n));
    return env.Undefined();
  }
  Napi::Value SubscribePrivateTopic(const Napi::CallbackInfo &info) { return Topic(info, true); }
  Napi::Value SubscribePublicTopic(const Napi::CallbackInfo &info) { return Topic(info, false); }
};

// ---- MdApi ---------------------------------------------------------------------------------------------------------

class MdWrap : public ApiWrap<CThostFtdcMdApi, MdSpiBridge, MdWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    std::vector<Napi::ClassPropertyDescriptor<MdWrap>> props = {
        InstanceMethod("Init", &MdWrap::Init),
        InstanceMethod("Release", &MdWrap::Release),
        InstanceMethod("RegisterFront", &MdWrap::RegisterFront),
        InstanceMethod("GetTradingDay", &MdWrap::GetTradingDay),
        InstanceMethod("SubscribeMarketData", &MdWrap::SubscribeMarketData),
        InstanceMethod("UnSubscribeMarketData", &MdWrap::UnSubscribeMarketData),
#define CTP_DEFINE_REQ(Method, Field) InstanceMethod(#Method, &MdWrap::Req<Field, &CThostFtdcMdApi::Method>),
        CTP_MD_REQUESTS(CTP_DEFINE_REQ)
#undef CTP_DEFINE_REQ
    };
    return DefineClass(env, "MdApi", props);
  }

  explicit MdWrap(const Napi::CallbackInfo &info) : ApiWrap(info) {
    std::string flowPath;
    if (!Begin(info, "MdApi", flowPath)) return;
    bool udp = false, multicast = false, production = true;
    if (info.Length() > 2 && info[2].IsObject()) {
      Napi::Object o = info[2].As<Napi::Object>();
      if (o.Get("udp").IsBoolean()) udp = o.Get("udp").As<Napi::Boolean>().Value();
      if (o.Get("multicast").IsBoolean()) multicast = o.Get("multicast").As<Napi::Boolean>().Value();
      if (o.Get("productionMode").IsBoolean()) production = o.Get("productionMode").As<Napi::Boolean>().Value();
    }
    Attach(CThostFtdcMdApi::CreateFtdcMdApi(flowPath.c_str(), udp, multicast, production));
  }

 private:
  template <typename F, int (CThostFtdcMdApi::*M)(F *, int)>
  Napi::Value Req(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    if (!Alive(info)) return env.Undefined();
    if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsNumber()) {
      Napi::TypeError::New(env, std::string("expected (fields: ") + DescOf<F>::get().name + ", requestId: number)").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    F fields;
    std::memset(&fields, 0, sizeof fields);
    if (!FromJs(env, info[0].As<Napi::Object>(), DescOf<F>::get(), &fields)) return env.Undefined();
    int rc = (api_->*M)(&fields, info[1].As<Napi::Number>().Int32Value());
    return Napi::Number::New(env, rc);
  }

  Napi::Value Subscription(const Napi::CallbackInfo &info, bool subscribe) {
    Napi::Env env = info.Env();
    if (!Alive(info)) return env.Undefined();
    if (info.Length() < 1 || !info[0].IsArray()) {
      Napi::TypeError::New(env, "expected an array of InstrumentIDs such as [\"rb2505\"]").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Array arr = info[0].As<Napi::Array>();
    std::vector<std::vector<char>> ids;
    for (uint32_t i = 0; i < arr.Length(); i++) {
      Napi::Value v = arr.Get(i);
      std::string s = v.IsString() ? v.As<Napi::String>().Utf8Value() : std::string();
      if (s.empty() || s.size() >= sizeof(((CThostFtdcSpecificInstrumentField *)nullptr)->InstrumentID)) {
        Napi::TypeError::New(env, "InstrumentID " + std::to_string(i) + " is empty, not a string or too long").ThrowAsJavaScriptException();
        return env.Undefined();
      }
      ids.emplace_back(s.begin(), s.end());
      ids.back().push_back('\0');
    }
    if (ids.empty()) return Napi::Number::New(env, 0);
    std::vector<char *> ptrs;
    for (auto &id : ids) ptrs.push_back(id.data());
    int n = static_cast<int>(ptrs.size());
    int rc = subscribe ? api_->SubscribeMarketData(ptrs.data(), n) : api_->UnSubscribeMarketData(ptrs.data(), n);
    return Napi::Number::New(env, rc);
  }
  Napi::Value SubscribeMarketData(const Napi::CallbackInfo &info) { return Subscription(info, true); }
  Napi::Value UnSubscribeMarketData(const Napi::CallbackInfo &info) { return Subscription(info, false); }
};

// ---- module --------------------------------------------------------------------------------------------------------

static Napi::Value Now(const Napi::CallbackInfo &info) { return Napi::Number::New(info.Env(), NowMicros()); }
static Napi::Value TraderApiVersion(const Napi::CallbackInfo &info) {
  return Napi::String::New(info.Env(), CThostFtdcTraderApi::GetApiVersion());
}
static Napi::Value MdApiVersion(const Napi::CallbackInfo &info) { return Napi::String::New(info.Env(), CThostFtdcMdApi::GetApiVersion()); }

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  exports.Set("TraderApi", TraderWrap::Define(env));
  exports.Set("MdApi", MdWrap::Define(env));
  exports.Set("now", Napi::Function::New(env, Now, "now"));
  exports.Set("traderApiVersion", Napi::Function::New(env, TraderApiVersion, "traderApiVersion"));
  exports.Set("mdApiVersion", Napi::Function::New(env, MdApiVersion, "mdApiVersion"));
  return exports;
}

}  // namespace ctpaddon

static Napi::Object Init(Napi::Env env, Napi::Object exports) { return ctpaddon::InitModule(env, exports); }

NODE_API_MODULE(ctp, Init)
