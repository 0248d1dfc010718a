// SPDX-License-Identifier: Apache-2.0
// The reference model on small hand-made histories, each verdict worked out by hand from the
// STEPS of include/perechen/approval/history.hpp: what the differential test trusts the model
// for. No git here: commit ids are made up, in commit order unless a test says otherwise.

#include <catch2/catch.hpp>

#include <cstdio>

#include "model.hpp"

using namespace perechen::model;

namespace {

using Roles = std::map<std::string, std::string>;

struct Story {
  History h;
  Evaluator model{h};

  std::size_t add(std::vector<std::size_t> parents, std::optional<Content> content,
                  const std::string& id = {}) {
    Commit c;
    c.parents = std::move(parents);
    c.content = std::move(content);
    char made[16];
    std::snprintf(made, sizeof made, "c%03zu", h.commits.size());
    c.id = id.empty() ? made : id;
    h.commits.push_back(std::move(c));
    model.advance();
    return h.commits.size() - 1;
  }

  std::size_t edit(std::size_t on, const Content& content) { return add({on}, content); }

  // An approval on top of `on`; `base` nullopt: Perechen-Base none. key -1: the key the approver
  // holds in `keys_from` (the base's roster), else the approver's first key.
  std::size_t approve(std::size_t on, std::optional<std::size_t> base, const std::string& who,
                      std::vector<std::string> roles, int key = -1) {
    Approval a;
    a.base = base ? Approval::Base::commit : Approval::Base::none;
    a.base_commit = base.value_or(0);
    a.approver = who;
    a.roles = std::move(roles);
    a.key = key >= 0 ? key : initial_content().roster.find(who)->key;
    Commit c;
    c.parents = {on};
    c.content = h.commits[on].content;
    c.approval = a;
    char made[16];
    std::snprintf(made, sizeof made, "c%03zu", h.commits.size());
    c.id = made;
    h.commits.push_back(std::move(c));
    model.advance();
    return h.commits.size() - 1;
  }

  // Every role of every unsettled leg at `on`, one approval per holder and leg, with the base the
  // model says is pending (its completion commit, or none). Returns the last commit.
  std::size_t approve_all(std::size_t on) {
    std::vector<std::optional<std::size_t>> legs;
    for (std::size_t t : model.state(on).tips) {
      if (!(model.versions()[t].content == *h.commits[on].content))
        legs.push_back(t);
    }
    if (model.state(on).tips.empty())
      legs.push_back(std::nullopt);
    std::size_t at = on;
    for (const auto& tip : legs) {
      std::optional<Content> base;
      if (tip)
        base = model.versions()[*tip].content;
      std::optional<std::size_t> node;
      if (tip)
        node = model.node(*tip, on);
      const Roster roster = base ? base->roster : h.commits[on].content->roster;
      std::map<std::string, std::vector<std::string>> by;
      for (const auto& [role, who] :
           Evaluator::needed(base ? &*base : nullptr, *h.commits[on].content))
        by[who].push_back(role);
      for (const auto& [who, roles] : by)
        at = approve(at, node, who, roles, roster.find(who)->key);
    }
    return at;
  }

  bool approved(std::size_t c) const { return model.state(c).approved; }
  std::size_t tips(std::size_t c) const { return model.state(c).tips.size(); }
};

Content with_point(Content c, const std::string& path, const std::string& process, int variant) {
  c.points[path] = Point{process, variant};
  return c;
}

const std::string kT1 = "points/a/t1.yaml";  // process p1, direction d1
const std::string kT2 = "points/b/t2.yaml";  // p2, d1
const std::string kT3 = "points/c/t3.yaml";  // p3, d2

}  // namespace

TEST_CASE("model: the roles a change needs") {
  const Content c0 = initial_content();
  SECTION("the first version: every owner, every curator, client-centricity, its own holders") {
    CHECK(Evaluator::needed(nullptr, c0) == Roles{{"process_owner p1", "sidorov"},
                                                  {"process_owner p2", "sidorov"},
                                                  {"process_owner p3", "orlova"},
                                                  {"process_owner p4", "belov"},
                                                  {"direction_curator d1", "petrova"},
                                                  {"direction_curator d2", "petrova"},
                                                  {"direction_curator d3", "kozlov"},
                                                  {"client_centricity", "ivanova"}});
  }
  SECTION("identical: nothing") {
    CHECK(Evaluator::needed(&c0, c0).empty());
  }
  SECTION("a point: its process's owner and direction's curator, before and after") {
    CHECK(Evaluator::needed(&c0, with_point(c0, kT1, "p1", 5)) ==
          Roles{{"process_owner p1", "sidorov"},
                {"direction_curator d1", "petrova"},
                {"client_centricity", "ivanova"}});
    CHECK(Evaluator::needed(&c0, with_point(c0, kT1, "p3", 0)) ==
          Roles{{"process_owner p1", "sidorov"},
                {"process_owner p3", "orlova"},
                {"direction_curator d1", "petrova"},
                {"direction_curator d2", "petrova"},
                {"client_centricity", "ivanova"}});
  }
  SECTION("a .keep under points/: client-centricity only") {
    Content c = c0;
    c.keeps.insert("points/a/.keep");
    CHECK(Evaluator::needed(&c0, c) == Roles{{"client_centricity", "ivanova"}});
  }
  SECTION("the roster: every curator, holders of the base") {
    Content c = c0;
    c.roster.client_centricity = "kozlov";
    CHECK(Evaluator::needed(&c0, c) == Roles{{"direction_curator d1", "petrova"},
                                             {"direction_curator d2", "petrova"},
                                             {"direction_curator d3", "kozlov"},
                                             {"client_centricity", "ivanova"}});
  }
  SECTION("a process moved: its owner and the curators of both directions") {
    Content c = c0;
    c.settings.directions[0].processes = {{"p1", 0}};
    c.settings.directions[2].processes = {{"p2", 0}, {"p4", 0}};
    CHECK(Evaluator::needed(&c0, c) == Roles{{"process_owner p2", "sidorov"},
                                             {"direction_curator d1", "petrova"},
                                             {"direction_curator d3", "kozlov"},
                                             {"client_centricity", "ivanova"}});
  }
  SECTION("a process added with its owner: the owner the base does not know is not needed") {
    Content c = c0;
    c.settings.directions[1].processes.push_back({"p5", 0});
    c.roster.owners["p5"] = "orlova";
    CHECK(Evaluator::needed(&c0, c) == Roles{{"direction_curator d1", "petrova"},
                                             {"direction_curator d2", "petrova"},
                                             {"direction_curator d3", "kozlov"},
                                             {"client_centricity", "ivanova"}});
  }
  SECTION("the title: every curator") {
    Content c = c0;
    c.settings.title = 1;
    CHECK(Evaluator::needed(&c0, c).size() == 4);
  }
}

TEST_CASE("model: the first version") {
  Story s;
  std::size_t c = s.add({}, initial_content());
  CHECK_FALSE(s.approved(c));
  // All but client-centricity.
  std::size_t at = s.approve(c, std::nullopt, "sidorov", {"process_owner p1", "process_owner p2"});
  at = s.approve(at, std::nullopt, "orlova", {"process_owner p3"});
  at = s.approve(at, std::nullopt, "belov", {"process_owner p4"});
  at = s.approve(at, std::nullopt, "petrova", {"direction_curator d1", "direction_curator d2"});
  at = s.approve(at, std::nullopt, "kozlov", {"direction_curator d3"});
  CHECK_FALSE(s.approved(at));
  // A base that is a commit does not count for the first version; "none" does.
  std::size_t wrong = s.approve(at, c, "ivanova", {"client_centricity"});
  CHECK_FALSE(s.approved(wrong));
  std::size_t done = s.approve(wrong, std::nullopt, "ivanova", {"client_centricity"});
  CHECK(s.approved(done));
  CHECK(s.model.versions().size() == 1);
  CHECK(s.model.versions()[0].consumed.size() == 6);
}

TEST_CASE("model: approvals count only from the base's roster, for roles needed and held") {
  Story s;
  std::size_t v0 = s.approve_all(s.add({}, initial_content()));
  REQUIRE(s.approved(v0));
  Content c1 = with_point(initial_content(), kT1, "p1", 5);
  std::size_t e = s.edit(v0, c1);
  CHECK_FALSE(s.approved(e));
  SECTION("all three") {
    std::size_t at = s.approve(e, v0, "sidorov", {"process_owner p1"});
    at = s.approve(at, v0, "petrova", {"direction_curator d1"});
    at = s.approve(at, v0, "ivanova", {"client_centricity"});
    CHECK(s.approved(at));
  }
  SECTION("a role not needed spoils the approval that claims it") {
    std::size_t at = s.approve(e, v0, "sidorov", {"process_owner p1", "process_owner p2"});
    at = s.approve(at, v0, "petrova", {"direction_curator d1"});
    at = s.approve(at, v0, "ivanova", {"client_centricity"});
    CHECK_FALSE(s.approved(at));
    at = s.approve(at, v0, "sidorov", {"process_owner p1"});
    CHECK(s.approved(at));
  }
  SECTION("a role held by another, another's key, a base that is not the tip") {
    std::size_t at = s.approve(e, v0, "petrova", {"direction_curator d1", "process_owner p1"});
    at = s.approve(at, v0, "sidorov", {"process_owner p1"}, 4);  // petrova's key
    at = s.approve(at, e, "ivanova", {"client_centricity"});     // the pending commit
    at = s.approve(at, v0, "petrova", {"direction_curator d1"});
    CHECK_FALSE(s.approved(at));
    at = s.approve(at, v0, "sidorov", {"process_owner p1"});
    CHECK_FALSE(s.approved(at));
    at = s.approve(at, v0, "ivanova", {"client_centricity"});
    CHECK(s.approved(at));
  }
  SECTION("a commit after the completion, approved at its content, names the tip") {
    std::size_t r = s.add({v0}, initial_content());  // a README commit: the same content
    REQUIRE(s.approved(r));
    std::size_t e2 = s.edit(r, c1);
    std::size_t at = s.approve(e2, r, "sidorov", {"process_owner p1"});
    at = s.approve(at, v0, "petrova", {"direction_curator d1"});
    at = s.approve(at, r, "ivanova", {"client_centricity"});
    CHECK(s.approved(at));
  }
}

TEST_CASE("model: a roster change is judged by the roster before it") {
  Story s;
  std::size_t v0 = s.approve_all(s.add({}, initial_content()));
  Content moved = initial_content();
  moved.roster.client_centricity = "kozlov";
  moved.roster.people[5].key = 7;  // sidorov's key changes
  std::size_t e = s.edit(v0, moved);
  // kozlov holds client-centricity only in the change's own roster.
  std::size_t at = s.approve(e, v0, "petrova", {"direction_curator d1", "direction_curator d2"});
  at = s.approve(at, v0, "kozlov", {"direction_curator d3", "client_centricity"});
  CHECK_FALSE(s.approved(at));
  at = s.approve(at, v0, "kozlov", {"direction_curator d3"});
  at = s.approve(at, v0, "ivanova", {"client_centricity"});
  REQUIRE(s.approved(at));
  // The next change: sidorov's new key counts, the old one does not; kozlov is the deputy now.
  Content c2 = with_point(moved, kT1, "p1", 5);
  std::size_t e2 = s.edit(at, c2);
  std::size_t b = at;
  std::size_t a2 = s.approve(e2, b, "sidorov", {"process_owner p1"}, 5);
  a2 = s.approve(a2, b, "petrova", {"direction_curator d1"});
  a2 = s.approve(a2, b, "ivanova", {"client_centricity"});
  CHECK_FALSE(s.approved(a2));
  a2 = s.approve(a2, b, "sidorov", {"process_owner p1"}, 7);
  CHECK_FALSE(s.approved(a2));
  a2 = s.approve(a2, b, "kozlov", {"client_centricity"});
  CHECK(s.approved(a2));
}

TEST_CASE("model: sibling changes of other files stay approved when merged, in either order") {
  Story s;
  std::size_t v0 = s.approve_all(s.add({}, initial_content()));
  Content ca = with_point(initial_content(), kT1, "p1", 5);
  Content cb = with_point(initial_content(), kT3, "p3", 6);
  Content both = with_point(ca, kT3, "p3", 6);
  std::size_t a = s.approve_all(s.edit(v0, ca));
  std::size_t b = s.approve_all(s.edit(v0, cb));
  REQUIRE(s.approved(a));
  REQUIRE(s.approved(b));
  CHECK(s.approved(s.add({a, b}, both)));
  CHECK(s.approved(s.add({b, a}, both)));
  // A merge that keeps one side only undoes the other's change: not approved, two tips.
  std::size_t keep_a = s.add({a, b}, ca);
  CHECK_FALSE(s.approved(keep_a));
  CHECK(s.tips(keep_a) == 2);
  CHECK(s.model.state(keep_a).why == "pending");
  // A merge of both and then the merge keeping one side: the version of both covers both.
  std::size_t m = s.add({a, b}, both);
  CHECK_FALSE(s.approved(s.add({m, a}, ca)));
  CHECK(s.approved(s.add({m, a}, both)));
}

TEST_CASE("model: two changes of one point need new approvals when merged") {
  Story s;
  std::size_t v0 = s.approve_all(s.add({}, initial_content()));
  Content ca = with_point(initial_content(), kT1, "p1", 5);
  Content cb = with_point(initial_content(), kT1, "p1", 6);
  std::size_t a = s.approve_all(s.edit(v0, ca));
  std::size_t b = s.approve_all(s.edit(v0, cb));
  std::size_t m = s.add({b, a}, cb);
  CHECK_FALSE(s.approved(m));
  CHECK(s.tips(m) == 2);
  std::size_t done = s.approve_all(m);
  CHECK(s.approved(done));
  REQUIRE(s.model.state(done).formed);
  CHECK(s.model.versions()[*s.model.state(done).formed].bases.size() == 2);
}

TEST_CASE("model: the settings and the roster stop approvals from being carried") {
  Story s;
  std::size_t v0 = s.approve_all(s.add({}, initial_content()));
  Content ca = initial_content();
  ca.roster.client_centricity = "kozlov";
  Content cb = initial_content();
  cb.settings.title = 3;
  Content both = ca;
  both.settings.title = 3;
  std::size_t a = s.approve_all(s.edit(v0, ca));
  std::size_t b = s.approve_all(s.edit(v0, cb));
  CHECK_FALSE(s.approved(s.add({a, b}, both)));
  // A point change and a roster change: the roster change is never carried, and the point change
  // cannot be carried over it either: the merge needs the point change approved again under the
  // new roster.
  Content cc = with_point(initial_content(), kT1, "p1", 5);
  std::size_t c = s.approve_all(s.edit(v0, cc));
  Content ac = with_point(ca, kT1, "p1", 5);
  CHECK_FALSE(s.approved(s.add({a, c}, ac)));
}

TEST_CASE("model: single use: a reverted change needs new approvals") {
  Story s;
  const Content c0 = initial_content();
  std::size_t v0 = s.approve_all(s.add({}, c0));
  Content c1 = with_point(c0, kT1, "p1", 5);
  std::size_t v1 = s.approve_all(s.edit(v0, c1));
  std::size_t back = s.edit(v1, c0);
  CHECK_FALSE(s.approved(back));
  // A branch that still sits on c0 with the first version's approvals, merged: still pending.
  std::size_t side = s.add({v0}, c0);
  std::size_t m = s.add({back, side}, c0);
  CHECK_FALSE(s.approved(m));
  std::size_t reverted = s.approve_all(m);
  CHECK(s.approved(reverted));
  // The change c0 -> c1 once more, on a branch from the first version, approved there, and merged
  // after the revert: it is not carried over the revert (which touched its file).
  std::size_t again = s.approve_all(s.edit(v0, c1));
  REQUIRE(s.approved(again));
  CHECK_FALSE(s.approved(s.add({reverted, again}, c1)));
  CHECK_FALSE(s.approved(s.add({again, reverted}, c1)));
}

TEST_CASE("model: malformed and invalid content, two roots") {
  Story s;
  Content bad = initial_content();
  SECTION("malformed") {
    bad.malformed = 1;
  }
  SECTION("invalid") {
    bad.points[kT2].process = "ghost";
  }
  SECTION("invalid: a process twice") {
    bad.settings.duplicate_process = true;
  }
  std::size_t c = s.add({}, bad);
  std::size_t at = s.approve_all(c);
  CHECK_FALSE(s.approved(at));
  CHECK(s.model.versions().empty());

  Story two;
  std::size_t v0 = two.approve_all(two.add({}, initial_content()));
  REQUIRE(two.approved(v0));
  std::size_t other = two.add({}, initial_content());  // the same content, another root
  std::size_t m = two.add({v0, other}, initial_content());
  CHECK_FALSE(two.approved(m));
  CHECK(two.model.state(m).why == "roots");
}

TEST_CASE("model: a squash lands without approvals, merging the branch brings them") {
  Story s;
  std::size_t v0 = s.approve_all(s.add({}, initial_content()));
  Content ca = with_point(initial_content(), kT1, "p1", 5);
  std::size_t a = s.approve_all(s.edit(v0, ca));
  std::size_t squash = s.edit(v0, ca);
  CHECK_FALSE(s.approved(squash));
  CHECK(s.approved(s.add({squash, a}, ca)));
}

TEST_CASE("model: the order of tips is the order of completion commit ids") {
  // Two sibling versions of one point; the merge keeps b's content. From a (smaller id) the leg
  // a -> X is not settled; from b it is empty and a's leg is not settled either: pending from a.
  Story s;
  std::size_t v0 = s.approve_all(s.add({}, initial_content()));
  std::size_t a = s.approve_all(s.edit(v0, with_point(initial_content(), kT1, "p1", 5)));
  std::size_t b = s.approve_all(s.edit(v0, with_point(initial_content(), kT1, "p1", 6)));
  std::size_t m = s.add({b, a}, s.h.commits[b].content);
  REQUIRE(s.model.pending_tip(m));
  CHECK(s.model.node(*s.model.pending_tip(m), m) == a);
}
