// The libgit2 wrapper: commits and tags read as git reads them (a commit's signature only from the
// header, a tag's after its message), the registry read from a commit's tree, and the errors a
// user sees when there is no repository.

#include <catch2/catch.hpp>

#include "approval_fixture.hpp"
#include "perechen/error.hpp"
#include "perechen/git/repository.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/ssh/sshsig.hpp"

namespace fs = std::filesystem;
using namespace perechen;
using perechen::test::TempDir;

namespace {

std::string cat_commit(const fs::path& repo, const std::string& id) {
  return test::git(repo, {"cat-file", "commit", id});
}

// Writes raw bytes as a commit object without any check, the way a forger would.
std::string write_raw_commit(const TempDir& dir, const std::string& raw) {
  auto file = dir.write("raw-commit", raw);
  return test::git(dir.path(), {"hash-object", "-t", "commit", "-w", "--literally", file.string()})
      .substr(0, 40);
}

}  // namespace

TEST_CASE("a signed commit gives git's signature and payload, verified in-process") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  dir.write("README.md", "registry\n");
  test::commit_all(dir.path(), "first");
  auto key = test::make_key(dir, "signer");
  std::string id = test::approve_with_git(dir.path(), key, "approval\n\nPerechen-Approval: 1\n");

  auto repo = git::Repository::open(dir.path());
  git::RawCommit commit = repo.raw_commit(*git::Oid::parse(id));
  REQUIRE(commit.signature.has_value());
  CHECK(commit.signature->rfind("-----BEGIN SSH SIGNATURE-----\n", 0) == 0);
  CHECK(commit.signature->find("-----END SSH SIGNATURE-----\n") != std::string::npos);
  CHECK(commit.message == "approval\n\nPerechen-Approval: 1\n");
  CHECK(commit.parents.size() == 1);
  CHECK(git::person_name(commit.author) == "Test");

  // The payload is the object without the gpgsig field: what git hands to ssh-keygen.
  std::string raw = cat_commit(dir.path(), id);
  CHECK(commit.signed_payload.find("gpgsig") == std::string::npos);
  CHECK(commit.signed_payload.size() < raw.size());
  CHECK(commit.signed_payload.rfind("tree ", 0) == 0);

  auto verification = ssh::verify(*commit.signature, commit.signed_payload, "git");
  CHECK(verification.good());
  REQUIRE(verification.signer.has_value());
  CHECK(verification.signer->openssh() + " signer" == key.line);

  // ssh-keygen agrees that exactly these bytes were signed.
  auto signers = dir.write("allowed", "signer namespaces=\"git\" " + key.line + "\n");
  auto sig = dir.write("sig", *commit.signature);
  auto r = test::run({"ssh-keygen", "-Y", "verify", "-f", signers.string(), "-I", "signer", "-n",
                      "git", "-s", sig.string()},
                     {}, {}, commit.signed_payload);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a signature moved into the message body is no signature, as for git") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  dir.write("README.md", "x\n");
  test::commit_all(dir.path(), "first");
  auto key = test::make_key(dir, "signer");
  std::string id = test::approve_with_git(dir.path(), key, "approval\n");
  std::string raw = cat_commit(dir.path(), id);

  // Take the gpgsig field out of the header and put its text after the message.
  auto start = raw.find("gpgsig ");
  auto end = raw.find("\n\n", start);
  REQUIRE(start != std::string::npos);
  std::string field = raw.substr(start, end + 1 - start);
  std::string twin = raw.substr(0, start) + raw.substr(end + 1) + "\n" + field;
  std::string twin_id = write_raw_commit(dir, twin);

  auto repo = git::Repository::open(dir.path());
  git::RawCommit commit = repo.raw_commit(*git::Oid::parse(twin_id));
  CHECK_FALSE(commit.signature.has_value());
  CHECK(commit.message.find("gpgsig -----BEGIN SSH SIGNATURE-----") != std::string::npos);

  // git itself finds no signature either.
  auto r = test::run({"git", "verify-commit", twin_id}, dir.path());
  CHECK(r.exit_code != 0);
  CHECK(test::git(dir.path(), {"log", "-1", "--format=%G?", twin_id}) == "N\n");
}

TEST_CASE("the continuation lines of gpgsig belong to it; gpgsig-sha256 is left out of both") {
  std::string raw =
      "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
      "author A <a@x> 1700000000 +0300\n"
      "committer C <c@x> 1700000100 -0130\n"
      "gpgsig-sha256 OTHER\n"
      " other continuation\n"
      "gpgsig LINE1\n"
      " LINE2\n"
      " \n"
      " LINE4\n"
      "encoding UTF-8\n"
      "\n"
      "message\n"
      "gpgsig not-a-signature\n";
  git::RawCommit commit = git::parse_raw_commit(raw);
  REQUIRE(commit.signature.has_value());
  CHECK(*commit.signature == "LINE1\nLINE2\n\nLINE4\n");
  CHECK(commit.signed_payload ==
        "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
        "author A <a@x> 1700000000 +0300\n"
        "committer C <c@x> 1700000100 -0130\n"
        "encoding UTF-8\n"
        "\n"
        "message\n"
        "gpgsig not-a-signature\n");
  CHECK(commit.message == "message\ngpgsig not-a-signature\n");
  CHECK(commit.time == 1700000100);
  CHECK(commit.offset_minutes == -90);
  CHECK(commit.tree.hex() == "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
  CHECK(git::person_name(commit.committer) == "C");
}

TEST_CASE("a tag signed by git tag -s gives git's signature and payload, verified in-process") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  dir.write("README.md", "registry\n");
  std::string commit = test::commit_all(dir.path(), "first");
  auto key = test::make_key(dir, "signer");
  test::git_signed(dir.path(), key,
                   {"tag", "-s", "-m", "published\n\nPerechen-Published: 2026-03-05", "v1"});
  test::git(dir.path(), {"tag", "-a", "-m", "not signed", "v2"});
  test::git(dir.path(), {"tag", "v3"});

  auto repo = git::Repository::open(dir.path());
  auto target = repo.reference_target("refs/tags/v1");
  REQUIRE(target);
  std::optional<git::RawTag> tag = repo.raw_tag(*target);
  REQUIRE(tag);
  CHECK(tag->object.hex() == commit);
  CHECK(tag->type == "commit");
  CHECK(tag->name == "v1");
  CHECK(git::person_name(tag->tagger) == "Test");
  CHECK(tag->time == 1772434800);  // 2026-03-02T10:00:00+03:00, the tests' fixed time
  CHECK(tag->offset_minutes == 180);
  CHECK(tag->message == "published\n\nPerechen-Published: 2026-03-05\n");
  REQUIRE(tag->signature);
  CHECK(tag->signature->rfind("-----BEGIN SSH SIGNATURE-----\n", 0) == 0);
  // The payload is the object up to the signature: what git hands to ssh-keygen.
  std::string raw = test::git(dir.path(), {"cat-file", "tag", "v1"});
  CHECK(raw == tag->signed_payload + *tag->signature);
  auto verification = ssh::verify(*tag->signature, tag->signed_payload, "git");
  CHECK(verification.good());

  auto unsigned_tag = repo.raw_tag(*repo.reference_target("refs/tags/v2"));
  REQUIRE(unsigned_tag);
  CHECK_FALSE(unsigned_tag->signature);
  CHECK(unsigned_tag->message == "not signed\n");
  // A lightweight tag is no tag object: the reference points at the commit itself.
  CHECK(repo.reference_target("refs/tags/v3")->hex() == commit);
  CHECK_FALSE(repo.raw_tag(*repo.reference_target("refs/tags/v3")));
  CHECK_FALSE(repo.reference_target("refs/tags/none"));
}

TEST_CASE("a tag's signature starts at the last line that begins one, as git reads it") {
  std::string raw =
      "object 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
      "type commit\n"
      "tag perechen/published/2026-03-05-4b825dc642cb\n"
      "tagger T <t@x> 1700000000 -0130\n"
      "\n"
      "message\n"
      "-----BEGIN SSH SIGNATURE-----\n"
      "quoted, not the signature\n"
      "-----BEGIN SIGNED MESSAGE-----\n"
      "CMS\n"
      "-----END SIGNED MESSAGE-----\n";
  git::RawTag tag = git::parse_raw_tag(raw);
  REQUIRE(tag.signature);
  CHECK(*tag.signature == "-----BEGIN SIGNED MESSAGE-----\nCMS\n-----END SIGNED MESSAGE-----\n");
  CHECK(tag.message == "message\n-----BEGIN SSH SIGNATURE-----\nquoted, not the signature\n");
  CHECK(tag.name == "perechen/published/2026-03-05-4b825dc642cb");
  CHECK(tag.time == 1700000000);
  CHECK(tag.offset_minutes == -90);
  // Fields out of git's order are not read.
  git::RawTag odd =
      git::parse_raw_tag("type commit\nobject 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nm\n");
  CHECK(odd.type.empty());
  CHECK(odd.name.empty());
  CHECK_FALSE(git::parse_raw_tag("").signature);
}

TEST_CASE("the registry in a subfolder is read from a commit, other files left out") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  dir.write("README.md", "top\n");
  dir.write("registry/perechen.yaml", "title: t\n");
  dir.write("registry/roster.yaml", "people: []\n");
  dir.write("registry/points/b/two.yml", "process: b\n");
  dir.write("registry/points/a/one.yaml", "process: a\n");
  dir.write("registry/points/notes.txt", "not a point\n");
  dir.write("registry/points/.hidden/x.yaml", "process: hidden\n");
  std::string first = test::commit_all(dir.path(), "first");
  dir.write("registry/points/a/one.yaml", "process: changed\n");
  test::commit_all(dir.path(), "second");

  auto opened = git::open_registry_repository(dir.path() / "registry");
  CHECK(opened.prefix == "registry");
  git::GitTreeSource source(opened.repo, *git::Oid::parse(first), opened.prefix);
  Diagnostics out;
  CHECK(source.point_files(out) ==
        std::vector<std::string>{"points/a/one.yaml", "points/b/two.yml"});
  CHECK(out.empty());
  CHECK(source.read("points/a/one.yaml", out) == "process: a\n");
  CHECK(source.exists("perechen.yaml"));
  CHECK_FALSE(source.exists("README.md"));
  CHECK(source.blob_id("perechen.yaml")->hex() ==
        test::git(dir.path(), {"rev-parse", first + ":registry/perechen.yaml"}).substr(0, 40));

  CHECK_FALSE(source.read("points/missing.yaml", out).has_value());
  REQUIRE(out.items().size() == 1);
  CHECK(out.items()[0].rule == "file-access");
  CHECK(out.items()[0].where.file == "points/missing.yaml");

  // A commit without the folder is an empty registry, not an error.
  git::GitTreeSource elsewhere(opened.repo, *git::Oid::parse(first), "no-such-folder");
  CHECK_FALSE(elsewhere.exists("perechen.yaml"));
}

TEST_CASE("revisions, first-parent history and tree ids as git computes them") {
  TempDir dir;
  test::git(dir.path(), {"init", "-q"});
  dir.write("a.txt", "1\n");
  std::string c1 = test::commit_all(dir.path(), "one");
  dir.write("a.txt", "2\n");
  std::string c2 = test::commit_all(dir.path(), "two");
  dir.write("a.txt", "3\n");
  std::string c3 = test::commit_all(dir.path(), "three");

  auto repo = git::Repository::open(dir.path() / ".");
  CHECK(repo.head()->hex() == c3);
  CHECK(repo.head_branch() == "refs/heads/main");
  CHECK(repo.resolve_commit("HEAD~1")->hex() == c2);
  CHECK_FALSE(repo.resolve_commit("no-such-branch").has_value());

  auto chain = repo.first_parent_chain(*git::Oid::parse(c3));
  REQUIRE(chain.size() == 3);
  CHECK(chain[0].hex() == c1);
  bool found = false;
  auto from_c2 = repo.first_parent_chain(*git::Oid::parse(c3), git::Oid::parse(c2), &found);
  CHECK(found);
  CHECK(from_c2.size() == 2);
  CHECK(from_c2[0].hex() == c2);

  git::Oid blob =
      *git::Oid::parse(test::git(dir.path(), {"rev-parse", "HEAD:a.txt"}).substr(0, 40));
  git::Oid tree = repo.hash_tree({{"z", blob, GIT_FILEMODE_BLOB},
                                  {"a", repo.tree_of(*git::Oid::parse(c1)), GIT_FILEMODE_TREE}});
  std::string listing = "040000 tree " + repo.tree_of(*git::Oid::parse(c1)).hex() + "\ta\n" +
                        "100644 blob " + blob.hex() + "\tz\n";
  auto r = test::run({"git", "mktree", "--missing"}, dir.path(), {}, listing);
  CHECK(r.out.substr(0, 40) == tree.hex());
}

TEST_CASE("a folder outside any repository is said plainly, with exit code 3") {
  TempDir dir;
  CHECK_FALSE(git::Repository::discover(dir.path()).has_value());
  try {
    git::Repository::open(dir.path());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::failure);
    CHECK(std::string(e.what()).find(dir.path().filename().string()) != std::string::npos);
    CHECK(std::string(e.what()).find("git") != std::string::npos);
  }
}
