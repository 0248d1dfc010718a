// SPDX-License-Identifier: Apache-2.0
#include "perechen/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace perechen {

unsigned hardware_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

unsigned threads_for(std::size_t items, std::size_t per_thread) {
  std::size_t wanted = items / std::max<std::size_t>(per_thread, 1) + 1;
  return static_cast<unsigned>(std::min<std::size_t>(hardware_threads(), wanted));
}

void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t)>& body) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  std::exception_ptr first;
  std::mutex first_mutex;
  auto work = [&]() noexcept {
    while (!stopped.load(std::memory_order_relaxed)) {
      std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count)
        return;
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(first_mutex);
        if (!first)
          first = std::current_exception();
        stopped.store(true, std::memory_order_relaxed);
        return;
      }
    }
  };
  std::size_t wanted = std::min<std::size_t>(std::max(threads, 1u), count);
  std::vector<std::thread> pool;
  if (wanted > 1)
    pool.reserve(wanted - 1);
  try {
    for (std::size_t t = 1; t < wanted; ++t)
      pool.emplace_back(work);
  } catch (...) {
    // No thread to be had: the ones started and the caller do the work.
  }
  work();
  for (auto& thread : pool)
    thread.join();
  if (first)
    std::rethrow_exception(first);
}

}  // namespace perechen
