// SPDX-License-Identifier: Apache-2.0
// "Did you mean" with bounded cost: the banded, early-exit distance of text::nearest gives the
// same suggestion as the full edit distance, and a word no one would mistype gets none.

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "perechen/text.hpp"

namespace text = perechen::text;

namespace {

// What nearest() must give, by the full distance over every candidate.
std::string reference(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    std::size_t longest = std::max(text::length(word), text::length(candidate));
    std::size_t limit = std::max<std::size_t>(1, (longest + 1) / 4);
    std::size_t distance = text::edit_distance(text::to_lower(word), text::to_lower(candidate));
    if (distance <= limit && (best.empty() || distance < best_distance)) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

TEST_CASE("nearest with a bound agrees with the full edit distance", "[text]") {
  std::mt19937 random(13);
  const std::vector<std::string> letters{"a", "b", "c", "d", "e", "ж", "-"};
  auto word = [&](std::size_t max) {
    std::string w;
    std::size_t n = 1 + random() % max;
    for (std::size_t i = 0; i < n; ++i)
      w += letters[random() % letters.size()];
    return w;
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> candidates;
    for (int i = 0; i < 6; ++i)
      candidates.push_back(word(12));
    // Often a near miss of a candidate, sometimes anything.
    std::string typo = candidates[random() % candidates.size()];
    // A letter changed: an ASCII one, so that the word stays UTF-8.
    std::size_t at = random() % typo.size();
    if (round % 3 != 0 && static_cast<unsigned char>(typo[at]) < 0x80)
      typo[at] = 'z';
    if (round % 5 == 0)
      typo = word(12);
    INFO(typo);
    CHECK(text::nearest(typo, candidates) == reference(typo, candidates));
  }
}

TEST_CASE("a word longer than any id gets no suggestion", "[text]") {
  std::string long_id(1000, 'q');
  std::vector<std::string> candidates{std::string(999, 'q'), "salary"};
  CHECK(text::nearest(long_id, candidates).empty());
  CHECK(text::nearest(std::string(text::kMaxSuggestionLength, 'q'),
                      {std::string(text::kMaxSuggestionLength - 1, 'q')}) ==
        std::string(text::kMaxSuggestionLength - 1, 'q'));
}
