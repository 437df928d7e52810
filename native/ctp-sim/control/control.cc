// The control addon: reaches ctp-sim's control hook (ctpsim_control.h) from JS, for tests, benchmarks and the local
// practice front. It links ctp-sim's libthosttraderapi_se, the same library instance the CTP addon loads, and is
// never built against a real SDK.
#include <napi.h>

#include <cstring>
#include <string>

#include "ctpsim_control.h"
#include "field_desc.h"
#include "gen/fields.gen.h"

namespace {

std::string Str(const Napi::CallbackInfo &info, size_t i) {
  return info.Length() > i && info[i].IsString() ? info[i].As<Napi::String>().Utf8Value() : std::string();
}
double Num(const Napi::CallbackInfo &info, size_t i, double fallback = 0) {
  return info.Length() > i && info[i].IsNumber() ? info[i].As<Napi::Number>().DoubleValue() : fallback;
}
bool Bool(const Napi::CallbackInfo &info, size_t i) { return info.Length() > i && info[i].ToBoolean().Value(); }

Napi::Value Reset(const Napi::CallbackInfo &info) {
  ctpsim_reset();
  return info.Env().Undefined();
}

Napi::Value AddAccount(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) {
    Napi::TypeError::New(env, "addAccount({ brokerId, userId, password, appId, authCode, balance })").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  auto s = [&](const char *k) { return o.Get(k).IsString() ? o.Get(k).As<Napi::String>().Utf8Value() : std::string(); };
  double balance = o.Get("balance").IsNumber() ? o.Get("balance").As<Napi::Number>().DoubleValue() : 1000000;
  int rc = ctpsim_add_account(s("brokerId").c_str(), s("userId").c_str(), s("password").c_str(), s("appId").c_str(), s("authCode").c_str(), balance);
  return Napi::Number::New(env, rc);
}

Napi::Value SetAutoOpen(const Napi::CallbackInfo &info) {
  ctpsim_set_auto_open(Bool(info, 0) ? 1 : 0);
  return info.Env().Undefined();
}

Napi::Value InjectQuote(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) {
    Napi::TypeError::New(env, "injectQuote(fields: CThostFtdcDepthMarketDataField)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  CThostFtdcDepthMarketDataField q;
  std::memset(&q, 0, sizeof q);
  if (!ctpaddon::FromJs(env, info[0].As<Napi::Object>(), ctpaddon::kCThostFtdcDepthMarketDataField, &q)) return env.Undefined();
  return Napi::Number::New(env, ctpsim_inject_quote(&q));
}

Napi::Value BurstQuotes(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), ctpsim_burst_quotes(Str(info, 0).c_str(), static_cast<int>(Num(info, 1)), static_cast<int>(Num(info, 2))));
}
Napi::Value SetFrontReachable(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), ctpsim_set_front_reachable(Str(info, 0).c_str(), Bool(info, 1) ? 1 : 0));
}
Napi::Value DisconnectFront(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), ctpsim_disconnect_front(Str(info, 0).c_str(), static_cast<int>(Num(info, 1, 0x1001))));
}
Napi::Value HeartBeatWarning(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), ctpsim_heartbeat_warning(Str(info, 0).c_str(), static_cast<int>(Num(info, 1))));
}
Napi::Value SetReconnectDelay(const Napi::CallbackInfo &info) {
  ctpsim_set_reconnect_delay_ms(static_cast<int>(Num(info, 0, 1000)));
  return info.Env().Undefined();
}
Napi::Value SetQueryLimit(const Napi::CallbackInfo &info) {
  ctpsim_set_query_limit(static_cast<int>(Num(info, 0, 1)));
  return info.Env().Undefined();
}
Napi::Value SetQueryLatency(const Napi::CallbackInfo &info) {
  ctpsim_set_query_latency_ms(static_cast<int>(Num(info, 0, 2)));
  return info.Env().Undefined();
}
Napi::Value FailQueries(const Napi::CallbackInfo &info) {
  ctpsim_fail_queries(static_cast<int>(Num(info, 0)));
  return info.Env().Undefined();
}
Napi::Value RejectOrders(const Napi::CallbackInfo &info) {
  ctpsim_reject_orders(static_cast<int>(Num(info, 0)), Bool(info, 1) ? 1 : 0, static_cast<int>(Num(info, 2, 31)));
  return info.Env().Undefined();
}
Napi::Value SetTradingDay(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), ctpsim_set_trading_day(static_cast<int>(Num(info, 0))));
}
Napi::Value Stat(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), static_cast<double>(ctpsim_stat(Str(info, 0).c_str())));
}
Napi::Value Now(const Napi::CallbackInfo &info) { return Napi::Number::New(info.Env(), static_cast<double>(ctpsim_now_us())); }

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("reset", Napi::Function::New(env, Reset));
  exports.Set("addAccount", Napi::Function::New(env, AddAccount));
  exports.Set("setAutoOpen", Napi::Function::New(env, SetAutoOpen));
  exports.Set("injectQuote", Napi::Function::New(env, InjectQuote));
  exports.Set("burstQuotes", Napi::Function::New(env, BurstQuotes));
  exports.Set("setFrontReachable", Napi::Function::New(env, SetFrontReachable));
  exports.Set("disconnectFront", Napi::Function::New(env, DisconnectFront));
  exports.Set("heartbeatWarning", Napi::Function::New(env, HeartBeatWarning));
  exports.Set("setReconnectDelay", Napi::Function::New(env, SetReconnectDelay));
  exports.Set("setQueryLimit", Napi::Function::New(env, SetQueryLimit));
  exports.Set("setQueryLatency", Napi::Function::New(env, SetQueryLatency));
  exports.Set("failQueries", Napi::Function::New(env, FailQueries));
  exports.Set("rejectOrders", Napi::Function::New(env, RejectOrders));
  exports.Set("setTradingDay", Napi::Function::New(env, SetTradingDay));
  exports.Set("stat", Napi::Function::New(env, Stat));
  exports.Set("now", Napi::Function::New(env, Now));
  return exports;
}

}  // namespace

NODE_API_MODULE(ctpsim_control, Init)
