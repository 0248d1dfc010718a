// SPDX-License-Identifier: Apache-2.0
// The CI templates `perechen init` writes (spec §5.1, rule 8): on every pull (merge) request the
// status as Markdown goes to the job summary or a merge-request note and `perechen verify` is the
// check; on the main branch `perechen verify` gates; full history is fetched and the anchor comes
// from the PERECHEN_ANCHOR variable. The GitHub workflow is also checked by actionlint when
// scripts/lint-ci-templates.sh can have it.

#include <yaml-cpp/yaml.h>
#include <catch2/catch.hpp>

#include "fixture.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using perechen::test::TempDir;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The `run:` texts of a GitHub job's steps, joined.
std::string runs_of(const YAML::Node& job) {
  std::string text;
  for (const auto& step : job["steps"]) {
    if (step["run"])
      text += step["run"].as<std::string>() + "\n";
  }
  return text;
}

std::string script_of(const YAML::Node& job) {
  std::string text;
  for (const auto& line : job["script"])
    text += line.as<std::string>() + "\n";
  return text;
}

struct Initialized {
  TempDir dir;
  fs::path root = dir.path() / "reg";
  Initialized() { REQUIRE(perechen::test::perechen({"init", "reg"}, dir.path()).exit_code == 0); }
};

}  // namespace

TEST_CASE("GitHub workflow: status as Markdown in the job summary, verify as the check") {
  Initialized init;
  YAML::Node workflow = YAML::LoadFile((init.root / ".github/workflows/perechen.yml").string());
  YAML::Node verify = workflow["jobs"]["verify"];
  REQUIRE(verify);
  std::string when = verify["if"].as<std::string>();
  CHECK(contains(when, "github.event_name == 'pull_request'"));
  CHECK(contains(when, "github.event.repository.default_branch"));

  bool full_history = false;
  for (const auto& step : verify["steps"]) {
    if (step["uses"] && contains(step["uses"].as<std::string>(), "actions/checkout"))
      full_history = step["with"]["fetch-depth"].as<int>() == 0;
    if (step["env"] && step["env"]["PERECHEN_ANCHOR"]) {
      CHECK(step["env"]["PERECHEN_ANCHOR"].as<std::string>() == "${{ vars.PERECHEN_ANCHOR }}");
    }
  }
  CHECK(full_history);
  std::string runs = runs_of(verify);
  CHECK(contains(runs,
                 "perechen status --format md ${PERECHEN_ANCHOR:+--anchor "
                 "\"$PERECHEN_ANCHOR\"} | tee -a \"${GITHUB_STEP_SUMMARY:-/dev/null}\""));
  CHECK(contains(runs, "perechen verify ${PERECHEN_ANCHOR:+--anchor \"$PERECHEN_ANCHOR\"}"));
  // The validate job stays as it was.
  CHECK(contains(runs_of(workflow["jobs"]["validate"]), "perechen validate --format sarif"));
}

TEST_CASE("GitLab CI: status as Markdown for the merge request, verify on requests and main") {
  Initialized init;
  YAML::Node ci = YAML::LoadFile((init.root / ".gitlab-ci.yml").string());
  YAML::Node approvals = ci["approvals"];
  REQUIRE(approvals);
  CHECK(approvals["rules"][0]["if"].as<std::string>() ==
        "$CI_PIPELINE_SOURCE == \"merge_request_event\"");
  CHECK(approvals["variables"]["GIT_DEPTH"].as<int>() == 0);
  std::string script = script_of(approvals);
  CHECK(contains(script,
                 "perechen status --format md ${PERECHEN_ANCHOR:+--anchor "
                 "\"$PERECHEN_ANCHOR\"} > perechen-status.md"));
  CHECK(contains(script, "merge_requests/$CI_MERGE_REQUEST_IID/notes"));
  CHECK(contains(script, "PRIVATE-TOKEN: $PERECHEN_NOTE_TOKEN"));
  // One note per request, updated by every later pipeline (tests/tools/gitlab_note.sh runs it).
  CHECK(contains(script, "<!-- perechen status -->"));
  CHECK(contains(script, "method=PUT"));
  CHECK(contains(script, "perechen verify ${PERECHEN_ANCHOR:+--anchor \"$PERECHEN_ANCHOR\"}"));
  CHECK(approvals["artifacts"]["paths"][0].as<std::string>() == "perechen-status.md");

  YAML::Node verify = ci["verify"];
  CHECK(verify["rules"][0]["if"].as<std::string>() == "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
  CHECK(verify["variables"]["GIT_DEPTH"].as<int>() == 0);
  CHECK(contains(script_of(verify),
                 "perechen verify ${PERECHEN_ANCHOR:+--anchor \"$PERECHEN_ANCHOR\"}"));
  CHECK(ci["validate"]["artifacts"]["reports"]["junit"].as<std::string>() == "perechen-junit.xml");
}

TEST_CASE("GitHub workflow passes actionlint") {
  Initialized init;
  auto lint = perechen::test::run(
      {"bash", (perechen::test::source_dir() / "scripts/lint-ci-templates.sh").string(),
       (init.root / ".github/workflows/perechen.yml").string()});
  INFO(lint.out << lint.err);
  if (lint.exit_code == 77)
    PERECHEN_SKIP(lint.out);
  CHECK(lint.exit_code == 0);
  CHECK(contains(lint.out, "lint-ci-templates: 0 finding(s) in 1 file(s)"));
}

// Issue 20 item 12, issue 17 item 4: perechen comes once per pipeline, as the static tar.gz, and
// a runner without internet names its own binary (tests/tools/ci_install.sh runs these scripts).
TEST_CASE("GitLab CI: one job downloads the static tar.gz, the others take its artifact") {
  Initialized init;
  YAML::Node ci = YAML::LoadFile((init.root / ".gitlab-ci.yml").string());
  YAML::Node perechen = ci["perechen"];
  REQUIRE(perechen);
  CHECK(perechen["stage"].as<std::string>() == "prepare");
  CHECK(ci["stages"][0].as<std::string>() == "prepare");
  // Not at all when the runner has its own binary.
  CHECK(perechen["rules"][0]["if"].as<std::string>() == "$PERECHEN_BIN");
  CHECK(perechen["rules"][0]["when"].as<std::string>() == "never");
  std::string download = script_of(perechen);
  CHECK(contains(download, "curl -fsSL -o /tmp/perechen.tar.gz \"$PERECHEN_URL\""));
  CHECK(contains(download, "sha256sum -c -"));
  CHECK(perechen["artifacts"]["paths"][0].as<std::string>() == ".perechen-ci/bin/perechen");
  std::string before;
  for (const auto& line : ci["default"]["before_script"])
    before += line.as<std::string>() + "\n";
  CHECK(contains(before, "ln -sf \"$PERECHEN_BIN\" .perechen-ci/bin/perechen"));
  CHECK_FALSE(contains(before, "apt-get"));
  for (const char* name : {"validate", "approvals", "verify"}) {
    INFO(name);
    YAML::Node job = ci[name];
    CHECK(job["needs"][0]["job"].as<std::string>() == "perechen");
    CHECK(job["needs"][0]["optional"].as<bool>());
    CHECK_FALSE(contains(script_of(job), ".deb"));
  }
  // The Windows runner's job, hidden until a user turns it on.
  YAML::Node windows = ci[".perechen-windows"];
  REQUIRE(windows);
  std::string powershell = script_of(windows);
  CHECK(contains(powershell, "Expand-Archive perechen.zip"));
  CHECK(contains(powershell, "Get-FileHash perechen.zip -Algorithm SHA256"));
  CHECK(contains(powershell, "& $perechen validate"));
  CHECK(contains(powershell, "& $perechen verify @anchor"));
}

TEST_CASE("GitHub workflow: one job downloads the static tar.gz, the others take its artifact") {
  Initialized init;
  YAML::Node workflow = YAML::LoadFile((init.root / ".github/workflows/perechen.yml").string());
  YAML::Node perechen = workflow["jobs"]["perechen"];
  REQUIRE(perechen);
  std::string runs = runs_of(perechen);
  CHECK(contains(runs, "curl -fsSL -o \"$RUNNER_TEMP/perechen.tar.gz\" \"$PERECHEN_URL\""));
  CHECK(contains(runs, "sha256sum -c -"));
  bool uploads = false;
  for (const auto& step : perechen["steps"]) {
    if (step["uses"] && contains(step["uses"].as<std::string>(), "actions/upload-artifact"))
      uploads = step["with"]["name"].as<std::string>() == "perechen";
    CHECK(step["if"].as<std::string>() == "vars.PERECHEN_BIN == ''");
  }
  CHECK(uploads);
  for (const char* name : {"validate", "verify"}) {
    INFO(name);
    YAML::Node job = workflow["jobs"][name];
    CHECK(job["needs"].as<std::string>() == "perechen");
    CHECK_FALSE(job["container"]);
    CHECK_FALSE(contains(runs_of(job), "apt-get"));
    CHECK(contains(runs_of(job), "echo \"$dir\" >> \"$GITHUB_PATH\""));
  }
}

TEST_CASE("every CI template passes scripts/lint-ci-templates.sh") {
  Initialized init;
  std::vector<std::string> args{
      "bash", (perechen::test::source_dir() / "scripts/lint-ci-templates.sh").string()};
  for (const char* file :
       {".github/workflows/perechen.yml", ".gitea/workflows/perechen.yml", ".gitlab-ci.yml"})
    args.push_back((init.root / file).string());
  auto lint = perechen::test::run(args);
  INFO(lint.out << lint.err);
  if (lint.exit_code == 77)
    PERECHEN_SKIP(lint.out);
  CHECK(lint.exit_code == 0);
  CHECK(contains(lint.out, "lint-ci-templates: 0 finding(s) in 2 file(s)"));
  CHECK(contains(lint.out,
                 "lint-ci-templates: 0 finding(s) in " + (init.root / ".gitlab-ci.yml").string()));
}
