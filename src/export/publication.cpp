#include "perechen/export/publication.hpp"

#include <algorithm>
#include <ctime>

#include "perechen/error.hpp"
#include "perechen/git/handle.hpp"
#include "perechen/i18n.hpp"

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
    if (!commit)
      continue;
    tags.push_back({name, *commit, *date});
  }
  return tags;
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
                           const git::Oid& content, calendar::Date approved_on,
                           calendar::Date today) {
  auto config = history.reader->at(approved_commit).config();
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
  }
  auto tags = publications_of(history, content);
  std::vector<calendar::Date> dates;
  for (const auto& tag : tags)
    dates.push_back(tag.date);
  Publication result = deadline(calendar, approved_on, working_days, dates, today);
  for (const auto& tag : tags) {
    if (result.published_on && tag.date == *result.published_on) {
      result.tag = tag.name;
      break;
    }
  }
  return result;
}

std::optional<Publication> publication_of(History& history, const approval::Status& status,
                                          calendar::Date today) {
  if (!status.approved_commit || !status.approved_content)
    return std::nullopt;
  auto approved_on = calendar::Date::parse(status.approved_when.date());
  if (!approved_on)
    return std::nullopt;
  return publication_of(history, *status.approved_commit, *status.approved_content, *approved_on,
                        today);
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
  return approval::PublicationState{publication->approved_on.iso(), publication->due.iso(),
                                    publication->published, publication->overdue};
}

std::string publication_tag_name(calendar::Date date, const git::Oid& commit) {
  return std::string(kPublishedTagPrefix) + date.iso() + "-" + commit.hex().substr(0, 12);
}

Recorded record_publication(const git::Repository& repo, const git::Oid& commit,
                            const git::Oid& content, calendar::Date date) {
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

  git::ObjectHandle target;
  git::check(git_object_lookup(git::Out(target), repo.get(), commit.get(), GIT_OBJECT_COMMIT),
             what);
  git::SignatureHandle tagger;
  if (git_signature_default(git::Out(tagger), repo.get()) < 0) {
    // No user.name/user.email configured: the tag still says who made it.
    git::check(git_signature_now(git::Out(tagger), "perechen", "perechen@localhost"), what);
  }
  std::string message = tr("publish.tag-message", fmt::arg("date", date.iso())) +
                        "\n\nPerechen-Published: " + date.iso() +
                        "\nPerechen-Content: " + content.hex() + "\n";
  git_oid tag_id;
  int rc = git_tag_create(&tag_id, repo.get(), recorded.tag.c_str(), target.get(), tagger.get(),
                          message.c_str(), 0);
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
  std::tm local{};
  localtime_r(&now, &local);
  calendar::Date today;
  today.year = local.tm_year + 1900;
  today.month = local.tm_mon + 1;
  today.day = local.tm_mday;
  return today;
}

}  // namespace perechen::exporting
