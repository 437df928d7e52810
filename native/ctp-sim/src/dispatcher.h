// One thread per API object, as the real library has: callbacks to the client run here, in the order posted.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace ctpsim {

class Dispatcher {
 public:
  using Task = std::function<void()>;
  using Clock = std::chrono::steady_clock;

  Dispatcher() = default;
  Dispatcher(const Dispatcher &) = delete;
  Dispatcher &operator=(const Dispatcher &) = delete;
  ~Dispatcher() { Stop(); }

  void Start() {
    std::lock_guard<std::mutex> lock(m_);
    if (started_ || stopping_) return;
    started_ = true;
    thread_ = std::thread([this] { Run(); });
  }

  /** Ends the thread once the task it is running returns; tasks not yet run are dropped. Not from its own thread. */
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stopping_ = true;
      ready_.clear();
      timed_.clear();
    }
    cv_.notify_all();
    if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id()) thread_.join();
  }

  void Post(Task task) {
    {
      std::lock_guard<std::mutex> lock(m_);
      if (stopping_) return;
      ready_.push_back(std::move(task));
    }
    cv_.notify_one();
  }

  void PostAfter(int ms, Task task) {
    {
      std::lock_guard<std::mutex> lock(m_);
      if (stopping_) return;
      timed_.emplace(Clock::now() + std::chrono::milliseconds(ms), std::move(task));
    }
    cv_.notify_one();
  }

  bool OnThread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(m_);
    while (!stopping_) {
      auto now = Clock::now();
      while (!timed_.empty() && timed_.begin()->first <= now) {
        ready_.push_back(std::move(timed_.begin()->second));
        timed_.erase(timed_.begin());
      }
      if (!ready_.empty()) {
        Task task = std::move(ready_.front());
        ready_.pop_front();
        lock.unlock();
        task();
        lock.lock();
        continue;
      }
      if (timed_.empty()) cv_.wait(lock);
      else cv_.wait_until(lock, timed_.begin()->first);
    }
  }

  std::mutex m_;
  std::condition_variable cv_;
  std::deque<Task> ready_;
  std::multimap<Clock::time_point, Task> timed_;
  bool started_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ctpsim
