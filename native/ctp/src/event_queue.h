// Hands CTP callbacks from CTP's own threads to the JS thread: each callback is copied into a plain Event under a
// mutex, and the JS thread is woken once per batch through a thread-safe function. Events keep their order and none
// is dropped; no JS value is touched off the JS thread.
#pragma once

#include <napi.h>

#include <chrono>
#include <cstring>
#include <mutex>
#include <vector>

#include "ThostFtdcUserApiStruct.h"
#include "field_desc.h"

namespace ctpaddon {

constexpr std::size_t kMaxEventData = 1024;

/** One SPI callback: its name and which arguments it has. */
struct CallbackDesc {
  const char *name;
  const StructDesc *data;
  bool hasData;
  bool rsp;
  bool req;
  const char *intKey;
};

struct Event {
  const CallbackDesc *cb;
  double t;
  int requestId;
  int intArg;
  bool isLast;
  bool hasData;
  bool hasRsp;
  CThostFtdcRspInfoField rsp;
  alignas(8) unsigned char data[kMaxEventData];
};

/** Microseconds of a monotonic clock: when CTP called back, comparable with the addon's now(). */
inline double NowMicros() {
  using namespace std::chrono;
  return duration<double, std::micro>(steady_clock::now().time_since_epoch()).count();
}

class EventQueue;
void DrainToJs(Napi::Env env, Napi::Function callback, EventQueue *queue, std::nullptr_t *unused);
using EventTsfn = Napi::TypedThreadSafeFunction<EventQueue, std::nullptr_t, DrainToJs>;

class EventQueue {
 public:
  void SetTsfn(EventTsfn tsfn) { tsfn_ = tsfn; }

  /** On CTP's thread: copies the arguments (valid only during the callback) and wakes the JS thread if idle. */
  void Push(const CallbackDesc &cb, const void *data, const CThostFtdcRspInfoField *rsp, int requestId, bool isLast, int intArg) {
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(m_);
      if (closed_) return;
      pending_.resize(pending_.size() + 1);
      Event &e = pending_.back();
      e.cb = &cb;
      e.t = NowMicros();
      e.requestId = requestId;
      e.intArg = intArg;
      e.isLast = isLast;
      e.hasData = data != nullptr && cb.data != nullptr;
      if (e.hasData) std::memcpy(e.data, data, cb.data->size);
      e.hasRsp = rsp != nullptr;
      if (e.hasRsp) e.rsp = *rsp;
      if (!scheduled_) scheduled_ = wake = true;
    }
    if (wake) tsfn_.NonBlockingCall();
  }

  /** On the JS thread: everything queued so far, in order. */
  void TakeAll(std::vector<Event> &out) {
    out.clear();
    std::lock_guard<std::mutex> lock(m_);
    out.swap(pending_);
    scheduled_ = false;
  }

  /** After the API is released: nothing more is queued. */
  void Close() {
    std::lock_guard<std::mutex> lock(m_);
    closed_ = true;
  }

  std::vector<Event> scratch;

 private:
  std::mutex m_;
  std::vector<Event> pending_;
  bool scheduled_ = false;
  bool closed_ = false;
  EventTsfn tsfn_;
};

}  // namespace ctpaddon
