// SPDX-License-Identifier: Apache-2.0
#include "perechen/export/publication.hpp"

#include <algorithm>
#include <ctime>

#include "perechen/error.hpp"
#include "perechen/git/handle.hpp"
#include "perechen/git/tree_source.hpp"
#include "perechen/i18n.hpp"
#include "perechen/platform/clock.hpp"
#include "perechen/registry/calendar_files.hpp"

namespace perechen::exporting {
namespace {

// The date in a tag name perechen/published/YYYY-MM-DD-…; nullopt for another name.
std::optional<calendar::Date> date_of_tag(std::string_view name) {
  if (name.substr(0, kPublishedTagPrefix.size()) != kPublishedTagPrefix)
    return std::nullopt;
  std::string_view rest = name.substr(kPublishedTagPrefix.size());
  if (rest.size() < 10)
    return std::nullopt;
  return calendar::Date::parse(rest.substr(0, 10));
}

int tag_name_callback(const char* name, void* payload) {
  static_cast<std::vector<std::string>*>(payload)->emplace_back(name);
  return 0;
}

}  // namespace

Publication deadline(const calendar::Calendar& calendar, calendar::Date approved_on,
                     int working_days, const std::vector<calendar::Date>& published,
                     calendar::Date today) {
  Publication result;
  result.approved_on = approved_on;
  working_days = std::clamp(working_days, 0, calendar::kMaxWorkingDays);
  calendar::Due due = calendar.due_after(approved_on, working_days);
  result.due = due.date;
  result.warnings = calendar.warnings(due);
  result.basis = due;
  // A publication dated before the approval cannot be of this version.
  for (const auto& date : published) {
    if (date < approved_on)
      continue;
    if (!result.published_on || date < *result.published_on)
      result.published_on = date;
  }
  result.published = result.published_on.has_value();
  result.overdue = result.published ? *result.published_on > result.due : today > result.due;
  return result;
}

std::vector<PublishedTag> published_tags(const git::Repository& repo) {
  std::vector<std::string> refs;
  std::string glob = "refs/tags/" + std::string(kPublishedTagPrefix) + "*";
  git::check(git_reference_foreach_glob(repo.get(), glob.c_str(), tag_name_callback, &refs),
             tr("publish.read-tags"));
  std::sort(refs.begin(), refs.end());
  std::vector<PublishedTag> tags;
  for (const auto& ref : refs) {
    std::string name = ref.substr(std::string_view("refs/tags/").size());
    auto date = date_of_tag(name);
    if (!date)
      continue;
    auto commit = repo.resolve_commit(ref);
    auto target = repo.reference_target(ref);
    if (!commit || !target)
      continue;
    tags.push_back({name, *commit, *date, *target});
  }
  return tags;
}

RecordCheck judge_publisher(const approval::Signer& signer, const Roster* roster,
                            std::int64_t not_before) {
  RecordCheck check;
  std::int64_t time = std::max(signer.signing_time, not_before);
  std::vector<std::string> people =
      roster != nullptr ? approval::people_of(signer, *roster, time) : std::vector<std::string>{};
  if (people.empty()) {
    approval::Match why =
        roster != nullptr ? approval::why_nobody(signer, *roster, time) : approval::Match{};
    check.reason = std::string(approval::to_string(why.reason));
    check.detail = why.detail.empty()
                       ? tr("publication.record-nobody", fmt::arg("key", signer.description()))
                       : why.detail;
    return check;
  }
  std::vector<std::string> publishers;
  for (const auto& publisher : roster->publishers)
    publishers.push_back(publisher.value);
  for (const auto& person : people) {
    if (publishers.empty() ||
        std::find(publishers.begin(), publishers.end(), person) != publishers.end()) {
      check.counts = true;
      check.publisher = person;
      return check;
    }
  }
  check.reason = "not-a-publisher";
  check.detail = tr("publication.record-not-publisher", fmt::arg("person", people.front()),
                    fmt::arg("publishers", fmt::join(publishers, ", ")));
  return check;
}

RecordCheck check_record(const git::Repository& repo, const PublishedTag& tag, const Roster* roster,
                         std::int64_t not_before) {
  RecordCheck check;
  // Cheap and trust-deciding first: a signed tag object, signed under this very name.
  std::optional<git::RawTag> raw = repo.raw_tag(tag.target);
  if (!raw || !raw->signature) {
    check.reason = std::string(approval::to_string(approval::Rejection::unsigned_commit));
    check.detail = tr(raw ? "publication.record-unsigned" : "publication.record-lightweight");
    return check;
  }
  if (raw->name != tag.name) {
    check.reason = "renamed";
    check.detail = tr("publication.record-renamed", fmt::arg("signed", raw->name));
    return check;
  }
  if (raw->type != "commit" || !(raw->object == tag.commit)) {
    check.reason = std::string(approval::to_string(approval::Rejection::malformed));
    check.detail = tr("publication.record-not-commit");
    return check;
  }
  approval::SignatureCheck signature =
      approval::check_signature(raw->signature, raw->signed_payload, raw->time);
  if (!signature.good) {
    check.reason = std::string(approval::to_string(signature.reason));
    check.detail = signature.detail;
    return check;
  }
  return judge_publisher(signature.signer, roster, not_before);
}

std::vector<PublishedTag> publications_of(History& history, const git::Oid& content) {
  std::vector<PublishedTag> result;
  for (auto& tag : published_tags(history.repo())) {
    std::optional<git::Oid> id = history.reader->at(tag.commit).id();
    if (id && *id == content)
      result.push_back(std::move(tag));
  }
  return result;
}

Publication publication_of(History& history, const git::Oid& approved_commit,
                           const git::Oid& content, const approval::When& approved,
                           calendar::Date today) {
  calendar::Date approved_on = calendar::Date::parse(approved.date()).value_or(calendar::Date{});
  approval::Snapshot version = history.reader->at(approved_commit);
  auto config = version.config();
  auto roster = version.roster();
  calendar::Calendar calendar = calendar::Calendar::builtin();
  int working_days = 5;
  if (config) {
    working_days = config->publication.working_days;
    std::vector<calendar::Date> days_off;
    for (const auto& day : config->publication.days_off) {
      // A malformed day is validate's to report; it moves no deadline.
      if (auto date = calendar::Date::parse(day.value))
        days_off.push_back(*date);
    }
    calendar.add_days_off(days_off);
    std::vector<calendar::Date> working;
    for (const auto& day : config->publication.extra_working_days) {
      if (auto date = calendar::Date::parse(day.value))
        working.push_back(*date);
    }
    calendar.add_working_days(working);
  }
  // The registry's own calendar years, from the approved version's tree as its perechen.yaml is:
  // a broken file is validate's to report, and here left out with a warning.
  Diagnostics calendar_findings;
  {
    git::GitTreeSource tree(history.repo(), approved_commit, history.reader->prefix());
    if (!tree.malformed()) {
      for (auto& year : read_calendar_files(tree, calendar_findings))
        calendar.replace_year(std::move(year));
    }
  }
  // Only signed records of a publisher count; the others are shown and stop nothing.
  std::vector<std::pair<PublishedTag, RecordCheck>> records;
  std::vector<calendar::Date> dates;
  for (auto& tag : publications_of(history, content)) {
    RecordCheck check = check_record(history.repo(), tag, roster.get(), approved.time);
    if (check.counts)
      dates.push_back(tag.date);
    records.emplace_back(std::move(tag), std::move(check));
  }
  Publication result = deadline(calendar, approved_on, working_days, dates, today);
  // A calendar file left out is said first: the date above was counted without it.
  std::vector<std::string> ignored;
  for (const auto& finding : calendar_findings.items()) {
    if (finding.severity != Severity::error)
      continue;
    const std::string place = finding.where.line > 0
                                  ? fmt::format("{}:{}", finding.where.file, finding.where.line)
                                  : finding.where.file;
    ignored.push_back(tr("calendar.registry-file-ignored", fmt::arg("place", place),
                         fmt::arg("problem", finding.message)));
  }
  result.warnings.insert(result.warnings.begin(), ignored.begin(), ignored.end());
  for (const auto& [tag, check] : records) {
    if (!check.counts) {
      // A record dated before the approval is not of this version, as deadline() judges.
      if (!(tag.date < approved_on))
        result.unverified.push_back({tag.name, tag.date, check.reason, check.detail});
    } else if (result.published_on && tag.date == *result.published_on && result.tag.empty()) {
      result.tag = tag.name;
      result.published_by = check.publisher;
    }
  }
  return result;
}

std::optional<Publication> publication_of(History& history, const approval::Status& status,
                                          calendar::Date today) {
  if (!status.approved_commit || !status.approved_content)
    return std::nullopt;
  if (!calendar::Date::parse(status.approved_when.date()))
    return std::nullopt;
  return publication_of(history, *status.approved_commit, *status.approved_content,
                        status.approved_when, today);
}

std::optional<approval::PublicationState> publication_state(
    const std::filesystem::path& registry_root, const approval::Status& status,
    calendar::Date today) {
  if (!status.approved_commit)
    return std::nullopt;
  History history(registry_root);
  auto publication = publication_of(history, status, today);
  if (!publication)
    return std::nullopt;
  approval::PublicationState state;
  state.approved_on = publication->approved_on.iso();
  state.due = publication->due.iso();
  state.published = publication->published;
  state.overdue = publication->overdue;
  if (publication->published_on)
    state.published_on = publication->published_on->iso();
  state.published_by = publication->published_by;
  state.tag = publication->tag;
  for (const auto& record : publication->unverified) {
    state.unverified.push_back({record.tag, record.date.iso(), record.reason, record.detail});
  }
  state.preliminary_years = publication->basis.preliminary_years;
  state.uncovered_years = publication->basis.uncovered_years;
  state.calendar_warnings = publication->warnings;
  return state;
}

std::string publication_tag_name(calendar::Date date, const git::Oid& commit) {
  return std::string(kPublishedTagPrefix) + date.iso() + "-" + commit.hex().substr(0, 12);
}

namespace {

// A person field of a git object: "Name <mail> 1700000000 +0300".
std::string person_field(const git_signature& who) {
  int offset = who.when.offset;
  char sign = offset < 0 ? '-' : '+';
  offset = offset < 0 ? -offset : offset;
  return fmt::format("{} <{}> {} {}{:02}{:02}", who.name, who.email, who.when.time, sign,
                     offset / 60, offset % 60);
}

}  // namespace

Recorded record_publication(const git::Repository& repo, const git::Oid& commit,
                            const git::Oid& content, calendar::Date date,
                            const approval::SigningKey& key, const approval::SignOptions& options) {
  Recorded recorded;
  recorded.tag = publication_tag_name(date, commit);
  std::string what = tr("publish.tag-failed", fmt::arg("tag", recorded.tag));

  // The same publication recorded before: nothing to add.
  if (auto existing = repo.resolve_commit("refs/tags/" + recorded.tag)) {
    if (*existing == commit) {
      recorded.existed = true;
      return recorded;
    }
    throw Error(ExitCode::failure, what);
  }

  git::SignatureHandle tagger;
  if (git_signature_default(git::Out(tagger), repo.get()) < 0) {
    // No user.name/user.email configured: the tag still says who made it.
    git::check(git_signature_now(git::Out(tagger), "perechen", "perechen@localhost"), what);
  }
  std::string message = tr("publish.tag-message", fmt::arg("date", date.iso())) +
                        "\n\nPerechen-Published: " + date.iso() +
                        "\nPerechen-Content: " + content.hex() + "\n";
  // The tag object as git writes it; `git tag -s` appends the signature of exactly these bytes.
  std::string buffer = "object " + commit.hex() + "\ntype commit\ntag " + recorded.tag +
                       "\ntagger " + person_field(*tagger.get()) + "\n\n" + message;
  std::string signature = approval::sign(key, buffer, options);
  if (!signature.empty() && signature.back() != '\n')
    signature += '\n';
  buffer += signature;
  git_oid tag_id;
  int rc = git_tag_create_from_buffer(&tag_id, repo.get(), buffer.c_str(), 0);
  if (rc == GIT_EEXISTS) {
    // Made at the same moment by another publish of the same version: the record is there.
    auto existing = repo.resolve_commit("refs/tags/" + recorded.tag);
    if (existing && *existing == commit) {
      recorded.existed = true;
      return recorded;
    }
  }
  git::check(rc, what);
  return recorded;
}

calendar::Date local_today() {
  std::time_t now = std::time(nullptr);
  std::tm local = platform::local_time(now);
  calendar::Date today;
  today.year = local.tm_year + 1900;
  today.month = local.tm_mon + 1;
  today.day = local.tm_mday;
  return today;
}

}  // namespace perechen::exporting
