// SPDX-License-Identifier: Apache-2.0
// parallel_for, the one pool behind loading, parsing a commit's points and the rule units: every
// item once, and an exception in any thread reaches the caller instead of ending the process. The
// registry tests at the end drive loading and checking on several threads, for scripts/tsan.sh.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fixture.hpp"
#include "perechen/error.hpp"
#include "perechen/parallel.hpp"
#include "perechen/registry/registry.hpp"
#include "perechen/registry/source.hpp"
#include "perechen/rules/validate.hpp"

using perechen::parallel_for;

TEST_CASE("parallel_for calls the body once for every item", "[parallel]") {
  for (unsigned threads : {1u, 2u, 4u, 16u}) {
    INFO(threads << " threads");
    std::vector<std::atomic<int>> calls(1000);
    parallel_for(calls.size(), threads, [&](std::size_t i) { ++calls[i]; });
    for (std::size_t i = 0; i < calls.size(); ++i) {
      INFO("item " << i);
      REQUIRE(calls[i] == 1);
    }
  }
  bool called = false;
  parallel_for(0, 4, [&](std::size_t) { called = true; });
  CHECK_FALSE(called);
}

TEST_CASE("an exception thrown by the body on item k reaches the caller", "[parallel]") {
  for (unsigned threads : {1u, 2u, 8u}) {
    INFO(threads << " threads");
    std::atomic<std::size_t> calls{0};
    auto body = [&](std::size_t i) {
      ++calls;
      if (i == 37)
        throw perechen::Error(perechen::ExitCode::failure, "item 37 is broken");
    };
    try {
      parallel_for(500, threads, body);
      FAIL("parallel_for returned although item 37 threw");
    } catch (const perechen::Error& e) {
      // The exception itself, with its type, message and exit code: not a copy into something else.
      CHECK(std::string(e.what()) == "item 37 is broken");
      CHECK(e.code() == perechen::ExitCode::failure);
    }
    // No new item is handed out once one has thrown: at most the items already under way finish.
    CHECK(calls < 500);
    if (threads == 1) {
      CHECK(calls == 38);
    }
  }
}

TEST_CASE("an exception in a worker thread, not the caller's, reaches the caller", "[parallel]") {
  const auto caller = std::this_thread::get_id();
  std::atomic<bool> thrown{false};
  std::atomic<bool> worker_ran{false};
  auto body = [&](std::size_t) {
    if (std::this_thread::get_id() != caller) {
      worker_ran = true;
      thrown = true;
      throw std::runtime_error("thrown on a worker");
    }
    // The caller's item lasts until a worker has thrown, so that the throw is surely not its own.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!thrown && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  };
  CHECK_THROWS_WITH(parallel_for(2, 2, body), "thrown on a worker");
  CHECK(worker_ran);
}

TEST_CASE("when several items throw, one exception comes out and every thread is joined",
          "[parallel]") {
  std::atomic<int> running{0};
  auto body = [&](std::size_t i) {
    ++running;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    --running;
    throw std::out_of_range("item " + std::to_string(i));
  };
  CHECK_THROWS_AS(parallel_for(100, 4, body), std::out_of_range);
  // Nothing of the loop is still running once it has returned.
  CHECK(running == 0);
}

TEST_CASE("threads_for grows with the work and stops at the cores", "[parallel]") {
  CHECK(perechen::threads_for(0, 32) == 1);
  CHECK(perechen::threads_for(31, 32) == 1);
  CHECK(perechen::threads_for(32, 32) == std::min(2u, perechen::hardware_threads()));
  CHECK(perechen::threads_for(1'000'000, 32) == perechen::hardware_threads());
  CHECK(perechen::threads_for(5, 0) >= 1);
  CHECK(perechen::hardware_threads() >= 1);
}

namespace {

// A registry of the minimal one and `count` more points, every 100th of an unknown process.
void write_large_registry(const perechen::test::TempDir& dir, int count) {
  perechen::test::write_minimal_registry(dir);
  for (int i = 0; i < count; ++i) {
    dir.write("points/pay/p" + std::to_string(i) + ".yaml",
              std::string("process: ") + (i % 100 == 0 ? "nosuch" : "salary") +
                  "\npoint:\n  name: Окно " + std::to_string(i) +
                  "\n  channel: offline\n  address: г. Липецк, каб. " + std::to_string(i) +
                  "\nclients: [civil-servants]\nvalue: Сдать документы\nneeds:\n  - "
                  "submission\nbasis:\n  - type: internal_act\n    title: Приказ № 5\n");
  }
}

// The folder's content, with one file that cannot be read: its read throws, as a read of a damaged
// repository does.
class ThrowingSource : public perechen::ContentSource {
 public:
  ThrowingSource(const std::filesystem::path& root, std::string broken)
      : inner_(perechen::make_directory_source(root.string())), broken_(std::move(broken)) {}
  std::vector<std::string> point_files(perechen::Diagnostics& out) const override {
    return inner_->point_files(out);
  }
  bool exists(const std::string& path) const override { return inner_->exists(path); }
  std::optional<std::string> read(const std::string& path,
                                  perechen::Diagnostics& out) const override {
    if (path == broken_)
      throw perechen::Error(perechen::ExitCode::failure, "cannot read " + path);
    return inner_->read(path, out);
  }

 private:
  std::unique_ptr<perechen::ContentSource> inner_;
  std::string broken_;
};

}  // namespace

TEST_CASE("a large registry is read and checked on several threads, the same every time",
          "[parallel]") {
  perechen::test::TempDir dir;
  write_large_registry(dir, 1200);  // past 1000 points the rule units run side by side too
  auto source = perechen::make_directory_source(dir.path().string());
  perechen::ValidationResult first = perechen::validate(*source, {});
  perechen::ValidationResult second = perechen::validate(*source, {});
  CHECK(first.points == 1203);
  std::size_t unknown = 0;
  for (const auto& d : first.diagnostics.items())
    unknown += d.rule == "unknown-process" ? 1u : 0u;
  CHECK(unknown == 12);
  REQUIRE(first.diagnostics.items().size() == second.diagnostics.items().size());
  for (std::size_t i = 0; i < first.diagnostics.items().size(); ++i) {
    CHECK(first.diagnostics.items()[i].where.file == second.diagnostics.items()[i].where.file);
    CHECK(first.diagnostics.items()[i].rule == second.diagnostics.items()[i].rule);
  }
}

TEST_CASE("a read that throws while a registry loads reaches the caller", "[parallel]") {
  perechen::test::TempDir dir;
  write_large_registry(dir, 300);
  ThrowingSource source(dir.path(), "points/pay/p150.yaml");
  perechen::Diagnostics found;
  CHECK_THROWS_WITH(perechen::load_registry(source, found), "cannot read points/pay/p150.yaml");
}
