// SPDX-License-Identifier: Apache-2.0
// Approvals read out of history (spec §5): which count, which do not and why. Repositories and
// keys are made here; approval commits are made by git itself (`git commit -S`, gpg.format=ssh).

#include <catch2/catch.hpp>

#include "approval_fixture.hpp"
#include "perechen/approval/history.hpp"
#include "perechen/approval/trailer.hpp"
#include "perechen/error.hpp"

namespace fs = std::filesystem;
using namespace perechen;
using namespace perechen::approval;
using perechen::test::Key;
using perechen::test::TempDir;

namespace {

struct Registry {
  TempDir dir;
  test::People people = test::make_people(dir);

  Registry() {
    test::git(dir.path(), {"init", "-q"});
    dir.write(".gitignore", "keys/\n");
    test::write_minimal_registry(dir);
    dir.write("roster.yaml", test::roster_yaml(people));
  }

  std::string commit(const std::string& message = "change") {
    return test::commit_all(dir.path(), message);
  }

  Status status(std::optional<std::string> anchor = std::nullopt) {
    auto repo = git::Repository::open(dir.path());
    ContentReader reader(repo, "");
    EvaluateOptions options;
    if (anchor)
      options.anchor = git::Oid::parse(*anchor);
    return evaluate(reader, *repo.head(), options);
  }

  std::string content() { return status().content->hex(); }

  // An approval by `key` claiming `roles` as `approver` for the content now.
  std::string approve(const Key& key, const std::string& approver,
                      const std::vector<std::string>& roles,
                      std::optional<std::string> content_id = std::nullopt) {
    Status now = status();
    std::string base = now.approved_commit ? now.approved_commit->hex() : "none";
    return test::approve_with_git(
        dir.path(), key,
        test::approval_message(content_id.value_or(now.content->hex()), base, approver, roles));
  }

  void approve_first_version() {
    approve(people.sidorov, "sidorov",
            {"process_owner salary", "process_owner vacation", "process_owner certificates"});
    approve(people.petrova, "petrova", {"direction_curator pay", "direction_curator docs"});
    approve(people.ivanova, "ivanova", {"client_centricity"});
  }

  void edit(const std::string& file, const std::string& from, const std::string& to) {
    dir.replace(file, from, to);
  }
};

std::vector<std::string> required_summary(const Status& status) {
  std::vector<std::string> result;
  for (const auto& r : status.required) {
    std::string people;
    for (const auto& person : r.requirement.people)
      people += (people.empty() ? "" : ",") + person;
    result.push_back(format_role(r.requirement.role) + " = " + people + (r.approved ? " +" : " -"));
  }
  return result;
}

std::vector<std::string> rejections(const Status& status) {
  std::vector<std::string> result;
  for (const auto& r : status.rejected)
    result.push_back(std::string(to_string(r.reason)));
  return result;
}

std::string raw_commit(const fs::path& repo, const std::string& id) {
  return test::git(repo, {"cat-file", "commit", id});
}

// Stores `raw` as a commit object and moves the branch to it.
std::string force_commit(const TempDir& dir, const std::string& raw) {
  auto file = dir.write("keys/raw", raw);
  std::string id =
      test::git(dir.path(), {"hash-object", "-t", "commit", "-w", "--literally", file.string()})
          .substr(0, 40);
  test::git(dir.path(), {"update-ref", "HEAD", id});
  return id;
}

}  // namespace

TEST_CASE("the first version is approved once every role it needs has approved") {
  Registry r;
  std::string first = r.commit("first version");
  Status before = r.status();
  CHECK_FALSE(before.approved);
  CHECK_FALSE(before.approved_commit.has_value());
  REQUIRE(before.pending.has_value());
  CHECK(before.pending->change.first_version);
  CHECK(before.pending->since.hex() == first);
  CHECK(required_summary(before) ==
        std::vector<std::string>{
            "process_owner salary = sidorov -", "process_owner vacation = sidorov -",
            "process_owner certificates = sidorov -", "direction_curator pay = petrova -",
            "direction_curator docs = petrova -", "client_centricity = ivanova -"});

  std::string by_sidorov =
      r.approve(r.people.sidorov, "sidorov",
                {"process_owner salary", "process_owner vacation", "process_owner certificates"});
  std::string by_petrova =
      r.approve(r.people.petrova, "petrova", {"direction_curator pay", "direction_curator docs"});
  Status partial = r.status();
  CHECK_FALSE(partial.approved);
  CHECK(partial.required.back().requirement.role.role == Role::client_centricity);
  CHECK_FALSE(partial.required.back().approved);
  CHECK(partial.required.front().commit->hex() == by_sidorov);

  std::string by_ivanova = r.approve(r.people.ivanova, "ivanova", {"client_centricity"});
  Status done = r.status();
  CHECK(done.approved);
  CHECK(done.approved_commit->hex() == by_ivanova);
  CHECK(done.approved_content == done.content);
  CHECK(done.rejected.empty());
  CHECK_FALSE(done.pending.has_value());
  REQUIRE(done.approvals.size() == 3);
  CHECK(done.approvals[1].person == "petrova");
  CHECK(done.approvals[1].commit.hex() == by_petrova);
  CHECK(done.approvals[1].when.date() == "2026-03-02");
  CHECK(required_summary(done) ==
        std::vector<std::string>{
            "process_owner salary = sidorov +", "process_owner vacation = sidorov +",
            "process_owner certificates = sidorov +", "direction_curator pay = petrova +",
            "direction_curator docs = petrova +", "client_centricity = ivanova +"});
  auto repo = git::Repository::open(r.dir.path());
  ContentReader reader(repo, "");
  CHECK(last_approved_commit(reader, *repo.head())->hex() == by_ivanova);
}

TEST_CASE("a change to one process needs exactly its owner, its curator and client-centricity") {
  Registry r;
  r.commit("first version");
  r.approve_first_version();
  std::string approved = r.status().approved_commit->hex();
  r.edit("points/pay/window.yaml", "Сдать заявление на отпуск лично", "Сдать заявление лично");
  test::git(r.dir.path(), {"add", "-A"});
  test::git(r.dir.path(), {"-c", "user.name=Кузнецова Ольга Сергеевна", "commit", "-q", "-m", "x"});
  std::string change = test::git(r.dir.path(), {"rev-parse", "HEAD"}).substr(0, 40);

  Status status = r.status();
  CHECK_FALSE(status.approved);
  CHECK(status.approved_commit->hex() == approved);
  CHECK(required_summary(status) == std::vector<std::string>{"process_owner vacation = sidorov -",
                                                             "direction_curator pay = petrova -",
                                                             "client_centricity = ivanova -"});
  REQUIRE(status.pending.has_value());
  CHECK(status.pending->since.hex() == change);
  CHECK(status.pending->initiator.person == "kuznetsova");
  CHECK(status.pending->change.points.size() == 1);
  CHECK(status.pending->change.points[0].fields == std::vector<std::string>{"value"});

  r.approve(r.people.sidorov, "sidorov", {"process_owner vacation"});
  r.approve(r.people.petrova, "petrova", {"direction_curator pay"});
  std::string last = r.approve(r.people.ivanova, "ivanova", {"client_centricity"});
  Status done = r.status();
  CHECK(done.approved);
  CHECK(done.approved_commit->hex() == last);
}

TEST_CASE("a content change makes earlier approvals stale; a README change keeps them") {
  Registry r;
  r.commit("first version");
  r.approve(r.people.sidorov, "sidorov",
            {"process_owner salary", "process_owner vacation", "process_owner certificates"});
  std::string old_content = r.content();

  // README only: the approval still counts for the same content.
  r.dir.write("README.md", "Перечень\n");
  r.commit("readme");
  CHECK(r.status().required.front().approved);

  // A content change: a new pending change, every role missing again.
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("url");
  Status changed = r.status();
  CHECK(changed.content->hex() != old_content);
  for (const auto& req : changed.required)
    CHECK_FALSE(req.approved);

  // An approval made for the old content, put on top of the new one, is stale.
  std::string stale = r.approve(r.people.petrova, "petrova",
                                {"direction_curator pay", "direction_curator docs"}, old_content);
  Status after = r.status();
  REQUIRE(after.rejected.size() == 1);
  CHECK(after.rejected[0].commit.hex() == stale);
  CHECK(after.rejected[0].reason == Rejection::stale_content);
  CHECK(after.rejected[0].detail.find(old_content) != std::string::npos);

  r.approve_first_version();
  r.dir.write("README.md", "Перечень, новая редакция\n");
  std::string readme = r.commit("readme again");
  Status kept = r.status();
  CHECK(kept.approved);
  CHECK(kept.approved_commit->hex() != readme);
  CHECK(kept.rejected.empty());
}

TEST_CASE("unsigned copies, foreign keys and signature-in-body twins count for nothing") {
  Registry r;
  r.commit("first version");
  std::string message =
      test::approval_message(r.content(), "none", "ivanova", {"client_centricity"});

  SECTION("an unsigned copy") {
    test::git(r.dir.path(), {"commit", "-q", "--allow-empty", "-m", message});
    Status s = r.status();
    CHECK(rejections(s) == std::vector<std::string>{"unsigned"});
    CHECK_FALSE(s.required.back().approved);
  }
  SECTION("a copy signed with a key that is not in the roster") {
    Key stranger = test::make_key(r.dir, "stranger");
    test::approve_with_git(r.dir.path(), stranger, message);
    Status s = r.status();
    CHECK(rejections(s) == std::vector<std::string>{"key-not-in-roster"});
    CHECK(s.rejected[0].detail.find("SHA256:") != std::string::npos);
  }
  SECTION("the real signature moved into the message body") {
    std::string real = test::approve_with_git(r.dir.path(), r.people.ivanova, message);
    CHECK(r.status().required.back().approved);
    std::string raw = raw_commit(r.dir.path(), real);
    auto start = raw.find("gpgsig ");
    auto end = raw.find("\n\n", start);
    std::string field = raw.substr(start, end + 1 - start);
    // The signature goes into the body, before the trailers, which must stay last.
    std::string twin = raw.substr(0, start) + raw.substr(end + 1);
    auto trailers = twin.find("Perechen-Approval");
    twin.insert(trailers, field + "\n");
    std::string twin_id = force_commit(r.dir, twin);
    Status s = r.status();
    REQUIRE(s.rejected.size() == 1);
    CHECK(s.rejected[0].commit.hex() == twin_id);
    CHECK(s.rejected[0].reason == Rejection::unsigned_commit);
    CHECK_FALSE(s.required.back().approved);
  }
  SECTION("a signature that does not cover the commit (its message changed)") {
    std::string real = test::approve_with_git(r.dir.path(), r.people.ivanova, message);
    std::string raw = raw_commit(r.dir.path(), real);
    auto at = raw.find("Согласование");
    raw.insert(at, "Подделка\n\n");
    force_commit(r.dir, raw);
    CHECK(rejections(r.status()) == std::vector<std::string>{"bad-signature"});
  }
}

TEST_CASE("a roster change is judged by the old roster") {
  Registry r;
  r.commit("first version");
  r.approve_first_version();
  // The change makes petrova the client-centricity deputy and gives sidorov a new key.
  Key new_sidorov = test::make_key(r.dir, "sidorov-new");
  r.edit("roster.yaml", "  client_centricity: ivanova", "  client_centricity: petrova");
  r.edit("roster.yaml", r.people.sidorov.line, new_sidorov.line);
  r.commit("roster");
  Status s = r.status();
  CHECK(required_summary(s) == std::vector<std::string>{"direction_curator pay = petrova -",
                                                        "direction_curator docs = petrova -",
                                                        "client_centricity = ivanova -"});
  r.approve(r.people.petrova, "petrova", {"client_centricity"});
  r.approve(new_sidorov, "sidorov", {"direction_curator pay"});
  CHECK(rejections(r.status()) == std::vector<std::string>{"role-not-held", "key-not-in-roster"});
  r.approve(r.people.petrova, "petrova", {"direction_curator pay", "direction_curator docs"});
  r.approve(r.people.ivanova, "ivanova", {"client_centricity"});
  CHECK(r.status().approved);
}

TEST_CASE("claims that do not hold are rejected with their reason") {
  Registry r;
  r.commit("first version");
  SECTION("a role the approver does not hold") {
    r.approve(r.people.petrova, "petrova", {"process_owner salary"});
    Status s = r.status();
    CHECK(rejections(s) == std::vector<std::string>{"role-not-held"});
    CHECK(s.rejected[0].detail.find("sidorov") != std::string::npos);
    CHECK_FALSE(s.required.front().approved);
  }
  SECTION("a role the change does not need") {
    r.approve_first_version();
    r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
    r.commit("url");
    r.approve(r.people.sidorov, "sidorov", {"process_owner certificates"});
    CHECK(rejections(r.status()) == std::vector<std::string>{"role-not-needed"});
  }
  SECTION("the approver named is not the signer") {
    r.approve(r.people.petrova, "ivanova", {"client_centricity"});
    CHECK(rejections(r.status()) == std::vector<std::string>{"approver-mismatch"});
  }
  SECTION("malformed trailers, a commit that changes files, a second approval of a role") {
    test::approve_with_git(
        r.dir.path(), r.people.ivanova,
        test::approval_message(r.content(), "none", "ivanova", {"client_centricity"}) +
            "Perechen-Extra: 1\n");
    r.dir.write("README.md", "x\n");
    test::git(r.dir.path(), {"add", "README.md"});
    test::git_signed(
        r.dir.path(), r.people.ivanova,
        {"commit", "-q", "-S", "-m",
         test::approval_message(r.content(), "none", "ivanova", {"client_centricity"})});
    r.approve(r.people.ivanova, "ivanova", {"client_centricity"});
    r.approve(r.people.ivanova, "ivanova", {"client_centricity"});
    Status s = r.status();
    CHECK(rejections(s) == std::vector<std::string>{"malformed", "not-empty", "duplicate"});
    CHECK(s.rejected[0].detail.find("Perechen-Extra") != std::string::npos);
    CHECK(s.required.back().approved);
  }
}

TEST_CASE("an anchor pins where trust starts") {
  Registry r;
  std::string first = r.commit("first version");
  CHECK(r.status(first).approved);
  CHECK(r.status(first).anchored);
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("url");
  Status s = r.status(first);
  CHECK_FALSE(s.approved);
  CHECK(s.approved_commit->hex() == first);
  CHECK(s.required.size() == 3);
  TempDir other;
  test::git(other.path(), {"init", "-q"});
  other.write("a", "a");
  std::string foreign = test::commit_all(other.path(), "x");
  test::git(r.dir.path(), {"fetch", "-q", other.path().string(), "main"});
  CHECK_THROWS_AS(r.status(foreign), Error);
}

TEST_CASE("approval messages are written and read back in the fixed format") {
  ApprovalTrailers t;
  t.content = *git::Oid::parse("0123456789abcdef0123456789abcdef01234567");
  t.approver = "sidorov";
  t.roles = {{Role::process_owner, "salary"}, {Role::client_centricity, ""}};
  std::string message = format_approval_message(t, "  по служебной записке  ");
  CHECK(message ==
        "Согласование изменений перечня: sidorov (process_owner salary, client_centricity)\n\n"
        "по служебной записке\n\n"
        "Perechen-Approval: 1\n"
        "Perechen-Content: 0123456789abcdef0123456789abcdef01234567\n"
        "Perechen-Base: none\n"
        "Perechen-Approver: sidorov\n"
        "Perechen-Role: process_owner salary\n"
        "Perechen-Role: client_centricity\n");
  auto parsed = parse_approval_message(message);
  REQUIRE(parsed.value.has_value());
  CHECK(parsed.value->roles == t.roles);
  CHECK_FALSE(parsed.value->base.has_value());
  CHECK(looks_like_approval(message));
  CHECK_FALSE(looks_like_approval("fix typo\n"));

  CHECK(parse_approval_message("x\n\nPerechen-Approval: 1\n").error.find("Perechen-Content") !=
        std::string::npos);
  std::string upper = message;
  upper.replace(upper.find("0123456789abcdef"), 16, "0123456789ABCDEF");
  CHECK_FALSE(parse_approval_message(upper).value.has_value());
  CHECK_FALSE(parse_approval_message(message + "Perechen-Role: client_centricity\n").value);
  CHECK_FALSE(parse_approval_message("Perechen-Approval: 1\n\n" + message).value);
}

TEST_CASE("a second tree line in a commit header does not hide its real content") {
  // git and libgit2 read the first "tree" line; an extra one further down the header is an
  // unknown field to them. An attacker with write access stores such a commit to make status
  // judge the approved tree while a checkout gives another one.
  Registry r;
  r.commit("first version");
  r.approve_first_version();
  Status approved = r.status();
  REQUIRE(approved.approved);
  std::string good_tree = test::git(r.dir.path(), {"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://evil.example.ru");
  std::string evil = r.commit("evil");
  Status honest = r.status();
  REQUIRE_FALSE(honest.approved);
  std::string raw = raw_commit(r.dir.path(), evil);
  auto header_end = raw.find("\n\n");
  raw.insert(header_end + 1, "tree " + good_tree + "\n");
  force_commit(r.dir, raw);
  std::string real_tree = test::git(r.dir.path(), {"rev-parse", "HEAD^{tree}"}).substr(0, 40);
  REQUIRE(real_tree != good_tree);
  Status s = r.status();
  CHECK_FALSE(s.approved);
  CHECK(s.content == honest.content);
  CHECK(s.content != approved.content);
  REQUIRE(s.pending.has_value());
}

TEST_CASE("only the gpgsig header field is the signature: gpgsig-sha256 and a second gpgsig") {
  Registry r;
  r.commit("first version");
  std::string message =
      test::approval_message(r.content(), "none", "ivanova", {"client_centricity"});
  std::string real = test::approve_with_git(r.dir.path(), r.people.ivanova, message);
  std::string raw = raw_commit(r.dir.path(), real);
  test::git(r.dir.path(), {"update-ref", "HEAD", "HEAD~1"});

  SECTION("the signature renamed to gpgsig-sha256 (a field a SHA-1 repository ignores)") {
    auto at = raw.find("gpgsig ");
    raw.replace(at, 7, "gpgsig-sha256 ");
    std::string id = force_commit(r.dir, raw);
    Status s = r.status();
    REQUIRE(s.rejected.size() == 1);
    CHECK(s.rejected[0].commit.hex() == id);
    CHECK(s.rejected[0].reason == Rejection::unsigned_commit);
    CHECK_FALSE(s.required.back().approved);
  }
  SECTION("a second gpgsig field added after the real one") {
    auto start = raw.find("gpgsig ");
    auto end = raw.find("\n\n", start);
    std::string field = raw.substr(start, end + 1 - start);
    raw.insert(end + 1, field);
    force_commit(r.dir, raw);
    Status s = r.status();
    CHECK(rejections(s) == std::vector<std::string>{"bad-signature"});
    CHECK_FALSE(s.required.back().approved);
  }
  SECTION("a signature continuation line without its leading space") {
    auto start = raw.find("gpgsig ");
    auto line = raw.find("\n ", start);
    raw.erase(line + 1, 1);
    force_commit(r.dir, raw);
    Status s = r.status();
    REQUIRE(s.rejected.size() == 1);
    CHECK(s.rejected[0].reason != Rejection::malformed);
    CHECK_FALSE(s.required.back().approved);
  }
}

TEST_CASE("a real approval replayed onto a later commit of the same content counts for nothing") {
  Registry r;
  r.commit("first version");
  std::string message =
      test::approval_message(r.content(), "none", "ivanova", {"client_centricity"});
  std::string real = test::approve_with_git(r.dir.path(), r.people.ivanova, message);
  std::string raw = raw_commit(r.dir.path(), real);
  // The content goes away and comes back: a new pending change with no approvals yet.
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("away");
  r.edit("points/pay/lk.yaml", "https://lk2.example.ru", "https://lk.example.ru");
  std::string back = r.commit("back");
  Status before = r.status();
  REQUIRE(before.content->hex() == parse_approval_message(message).value->content.hex());
  CHECK_FALSE(before.required.back().approved);
  // The same signature and message on a commit whose parent is the newest one.
  auto parent = raw.find("parent ");
  raw.replace(parent + 7, 40, back);
  std::string replay = force_commit(r.dir, raw);
  Status s = r.status();
  REQUIRE(s.rejected.size() == 1);
  CHECK(s.rejected[0].commit.hex() == replay);
  CHECK(s.rejected[0].reason == Rejection::bad_signature);
  CHECK_FALSE(s.required.back().approved);
}

namespace {

// A commit carrying `message` on HEAD, signed by hand over git's payload with `namespace_`.
std::string sign_by_hand(Registry& r, const Key& key, const std::string& message,
                         const std::string& namespace_) {
  test::git(r.dir.path(), {"commit", "-q", "--allow-empty", "-m", message});
  std::string raw = raw_commit(r.dir.path(), "HEAD");
  test::git(r.dir.path(), {"update-ref", "HEAD", "HEAD~1"});
  auto payload = r.dir.write("keys/payload", raw);
  std::filesystem::remove(payload.string() + ".sig");
  auto signed_ = test::run({"ssh-keygen", "-q", "-Y", "sign", "-f", key.file.string(), "-n",
                            namespace_, payload.string()});
  REQUIRE(signed_.exit_code == 0);
  std::string sig = r.dir.read("keys/payload.sig");
  while (!sig.empty() && sig.back() == '\n')
    sig.pop_back();
  std::string field = "gpgsig ";
  for (char c : sig) {
    field += c;
    if (c == '\n')
      field += ' ';
  }
  raw.insert(raw.find("\n\n") + 1, field + "\n");
  return force_commit(r.dir, raw);
}

}  // namespace

TEST_CASE("a signature made for another namespace than git counts for nothing") {
  Registry r;
  r.commit("first version");
  std::string message =
      test::approval_message(r.content(), "none", "ivanova", {"client_centricity"});
  SECTION("namespace git (the control: the hand-made commit is sound)") {
    sign_by_hand(r, r.people.ivanova, message, "git");
    Status s = r.status();
    CHECK(s.rejected.empty());
    CHECK(s.required.back().approved);
  }
  SECTION("namespace file") {
    std::string id = sign_by_hand(r, r.people.ivanova, message, "file");
    Status s = r.status();
    REQUIRE(s.rejected.size() == 1);
    CHECK(s.rejected[0].commit.hex() == id);
    CHECK(s.rejected[0].reason == Rejection::bad_signature);
    CHECK_FALSE(s.required.back().approved);
  }
}

TEST_CASE("an approval made before the content it claims does not count once it arrives") {
  Registry r;
  std::string first = r.commit("first version");
  r.approve_first_version();
  // Learn the id of a content that does not exist yet, then go back.
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("future");
  std::string future = r.content();
  test::git(r.dir.path(), {"reset", "-q", "--hard", "HEAD~1"});
  std::string early = r.approve(r.people.ivanova, "ivanova", {"client_centricity"}, future);
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("the change arrives");
  Status s = r.status();
  REQUIRE(s.content->hex() == future);
  CHECK_FALSE(s.approved);
  REQUIRE(s.rejected.size() == 1);
  CHECK(s.rejected[0].commit.hex() == early);
  CHECK(s.rejected[0].reason == Rejection::stale_content);
  CHECK_FALSE(s.required.back().approved);
}

TEST_CASE("a signed merge commit carrying approval trailers counts for nothing") {
  Registry r;
  r.commit("first version");
  std::string message =
      test::approval_message(r.content(), "none", "ivanova", {"client_centricity"});
  // A side commit with the same tree, merged with a signature: the tree does not change.
  std::string side =
      test::git(r.dir.path(), {"commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "side"})
          .substr(0, 40);
  test::git(r.dir.path(), {"commit", "-q", "--allow-empty", "-m", "empty"});
  test::git_signed(r.dir.path(), r.people.ivanova,
                   {"merge", "-q", "--no-ff", "-S", "-m", message, side});
  std::string merge = test::git(r.dir.path(), {"rev-parse", "HEAD"}).substr(0, 40);
  Status s = r.status();
  REQUIRE(s.rejected.size() == 1);
  CHECK(s.rejected[0].commit.hex() == merge);
  CHECK(s.rejected[0].reason == Rejection::not_empty);
  CHECK_FALSE(s.required.back().approved);
}

TEST_CASE("an initiator who names herself in the change's roster approves nothing by it") {
  Registry r;
  r.commit("first version");
  r.approve_first_version();
  r.edit("roster.yaml", "  client_centricity: ivanova", "  client_centricity: kuznetsova");
  r.edit("roster.yaml", "    pay: petrova", "    pay: kuznetsova");
  r.edit("roster.yaml", "    docs: petrova", "    docs: kuznetsova");
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("roster and content together");
  Status before = r.status();
  for (const auto& q : before.required)
    CHECK_FALSE(q.requirement.held_by("kuznetsova"));
  r.approve(r.people.kuznetsova, "kuznetsova",
            {"client_centricity", "direction_curator pay", "direction_curator docs"});
  Status s = r.status();
  CHECK_FALSE(s.approved);
  CHECK(rejections(s) == std::vector<std::string>{"role-not-held"});
  CHECK(std::none_of(s.required.begin(), s.required.end(),
                     [](const RequiredApproval& q) { return q.approved; }));
}

TEST_CASE("a key the change's roster gives to another person is still its base owner's key") {
  Registry r;
  r.commit("first version");
  r.approve_first_version();
  // kuznetsova lists her own key for petrova too, with a content change, and approves as petrova.
  r.edit("roster.yaml", r.people.petrova.line,
         r.people.petrova.line + "\n      - " + r.people.kuznetsova.line);
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("petrova's second key");
  r.approve(r.people.kuznetsova, "petrova", {"direction_curator pay", "direction_curator docs"});
  Status s = r.status();
  CHECK_FALSE(s.approved);
  REQUIRE(rejections(s) == std::vector<std::string>{"approver-mismatch"});
  CHECK(s.rejected[0].detail.find("kuznetsova") != std::string::npos);
  CHECK(std::none_of(s.required.begin(), s.required.end(),
                     [](const RequiredApproval& q) { return q.approved; }));
}

TEST_CASE("a shallow clone does not make the attacker's commit the first version") {
  Registry r;
  r.commit("first version");
  r.approve_first_version();
  // kuznetsova takes every role in the change's roster and approves all of it herself.
  r.dir.write("roster.yaml", test::roster_yaml(r.people, R"(roles:
  client_centricity: kuznetsova
  direction_curators:
    pay: kuznetsova
    docs: kuznetsova
  process_owners:
    salary: kuznetsova
    vacation: kuznetsova
    certificates: kuznetsova
  initiators: [kuznetsova]
)"));
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://evil.example.ru");
  std::string evil = r.commit("takeover");
  std::string all =
      "process_owner salary\nPerechen-Role: process_owner vacation\n"
      "Perechen-Role: process_owner certificates\n"
      "Perechen-Role: direction_curator pay\nPerechen-Role: direction_curator docs\n"
      "Perechen-Role: client_centricity";
  r.approve(r.people.kuznetsova, "kuznetsova", {all});
  Status full = r.status();
  CHECK_FALSE(full.approved);
  CHECK(rejections(full) == std::vector<std::string>{"role-not-held"});

  // In a clone that holds only the last two commits, the takeover looks like a root.
  TempDir clone;
  test::run({"git", "clone", "-q", "--depth", "2", "file://" + r.dir.path().string(),
             (clone.path() / "c").string()});
  REQUIRE(test::git(clone.path() / "c", {"rev-parse", "HEAD~1"}).substr(0, 40) == evil);
  auto repo = git::Repository::open(clone.path() / "c");
  ContentReader reader(repo, "");
  bool approved = false;
  try {
    approved = evaluate(reader, *repo.head()).approved;
  } catch (const Error&) {
    approved = false;  // history that cannot be read is no approval either
  }
  CHECK_FALSE(approved);
}

TEST_CASE("the owner a change names for its new process cannot approve the rest of the change") {
  Registry r;
  r.commit("first version");
  r.approve_first_version();
  r.edit("perechen.yaml", "      - id: vacation\n",
         "      - id: bonus\n        title: Премии\n      - id: vacation\n");
  r.edit("roster.yaml", "    vacation: sidorov\n",
         "    vacation: sidorov\n    bonus: kuznetsova\n");
  r.edit("points/pay/lk.yaml", "https://lk.example.ru", "https://lk2.example.ru");
  r.commit("a new process owned by the initiator");
  Status before = r.status();
  REQUIRE_FALSE(before.approved);
  r.approve(r.people.kuznetsova, "kuznetsova",
            {"process_owner bonus", "direction_curator pay", "client_centricity"});
  Status s = r.status();
  CHECK_FALSE(s.approved);
  // The new process's owner comes from the change's own roster: not a holder the base knows, so
  // the change needs no owner of it, and her claim of that role counts for nothing.
  CHECK(rejections(s) == std::vector<std::string>{"role-not-needed"});
  for (const auto& q : s.required) {
    CHECK_FALSE(q.requirement.role == RoleScope{Role::process_owner, "bonus"});
    if (q.requirement.role.role != Role::process_owner)
      CHECK_FALSE(q.requirement.held_by("kuznetsova"));
    CHECK_FALSE(q.approved);
  }
}
