// SPDX-License-Identifier: Apache-2.0
#pragma once

// Work spread over the cores, written once: loading a registry, parsing the points of a commit and
// running the rule units all hand out independent items by index. A worker that throws does not
// take the process down: the first exception is kept, no further item is handed out, every thread
// is joined and the exception is rethrown on the caller's thread, as if the loop had run there.

#include <cstddef>
#include <functional>

namespace perechen {

// The cores of the machine, at least 1.
unsigned hardware_threads();

// How many threads pay for `items` pieces of work when one thread is worth it from `per_thread`
// items on: 1 below that, never more than hardware_threads().
unsigned threads_for(std::size_t items, std::size_t per_thread);

// Calls body(i) for every i in [0, count), on up to `threads` threads, the caller's among them;
// the order of the calls is not fixed, so each call writes only what belongs to its i. When a call
// throws, the items not yet started are never started, the calls under way finish, and the first
// exception is rethrown here once all threads are joined.
void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t)>& body);

}  // namespace perechen
