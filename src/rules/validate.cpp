// SPDX-License-Identifier: Apache-2.0
#include "perechen/rules/validate.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "checks.hpp"
#include "perechen/parallel.hpp"
#include "perechen/registry/calendar_files.hpp"
#include "perechen/text.hpp"

namespace perechen {

namespace {

// Whether `file` is among the paths a user asked about: the same path, or a
// file inside a folder given with or without its trailing '/'.
bool selected(std::string_view file, const std::vector<std::string>& only) {
  for (std::string_view path : only) {
    while (path.starts_with("./"))
      path.remove_prefix(2);
    if (path.empty() || path == ".")
      return true;
    if (file == path)
      return true;
    if (path.ends_with('/')) {
      if (file.starts_with(path))
        return true;
    } else if (file.size() > path.size() && file.starts_with(path) && file[path.size()] == '/') {
      return true;
    }
  }
  return false;
}

struct Directive {
  int line;
  std::string rule;
  std::string reason;
};

// The `# perechen: ignore=RULE reason` comments of a file's text, with a reason.
std::vector<Directive> directives(std::string_view content) {
  constexpr std::string_view kMark = "# perechen: ignore=";
  std::vector<Directive> found;
  int line = 1;
  for (std::size_t start = 0; start < content.size(); ++line) {
    std::size_t end = content.find('\n', start);
    std::string_view row = content.substr(start, end == std::string_view::npos ? end : end - start);
    start = end == std::string_view::npos ? content.size() : end + 1;
    auto at = row.find(kMark);
    if (at == std::string_view::npos)
      continue;
    std::string_view rest = row.substr(at + kMark.size());
    auto space = rest.find_first_of(" \t");
    std::string rule(rest.substr(0, space));
    std::string reason = space == std::string_view::npos
                             ? std::string()
                             : std::string(text::trim(rest.substr(space)));
    if (!rule.empty() && !reason.empty())
      found.push_back({line, std::move(rule), std::move(reason)});
  }
  return found;
}

// Moves the warnings that their files silence from `out` to `silenced`.
void silence(const Registry& registry, Diagnostics& out, std::vector<Silenced>& silenced) {
  std::map<std::string, std::vector<Directive>, std::less<>> by_file;
  for (const Point& point : registry.points) {
    auto text = registry.texts.find(point.file);
    if (text == registry.texts.end())
      continue;
    auto found = directives(text->second);
    if (!found.empty())
      by_file.emplace(point.file, std::move(found));
  }
  if (by_file.empty())
    return;
  std::erase_if(out.items(), [&](const Diagnostic& d) {
    if (d.severity != Severity::warning)
      return false;  // the regulation's errors are never silenced
    auto file = by_file.find(d.where.file);
    if (file == by_file.end())
      return false;
    for (const Directive& directive : file->second) {
      if (directive.rule == d.rule) {
        silenced.push_back({d.where.file, directive.line, d.rule, directive.reason, d});
        return true;
      }
    }
    return false;
  });
}

// Matches a glob against a path from a position in each. Every (glob, path) position pair is
// judged once and remembered, so the work is at most the product of their lengths, whatever the
// stars (a plain backtracking matcher is exponential in them).
class GlobMatch {
 public:
  GlobMatch(std::string_view glob, std::string_view path)
      : glob_(glob), path_(path), memo_((glob.size() + 1) * (path.size() + 1), 0) {}

  bool from(std::size_t p, std::size_t s) {
    char& known = memo_[p * (path_.size() + 1) + s];
    if (known == 0)
      known = match(p, s) ? 2 : 1;
    return known == 2;
  }

 private:
  bool match(std::size_t p, std::size_t s) {
    if (p == glob_.size())
      return s == path_.size();
    if (glob_.compare(p, 3, "**/") == 0) {
      // Zero or more whole folders.
      if (from(p + 3, s))
        return true;
      for (std::size_t at = s; at < path_.size(); ++at) {
        if (path_[at] == '/' && from(p + 3, at + 1))
          return true;
      }
      return false;
    }
    if (glob_.compare(p, 2, "**") == 0) {
      for (std::size_t at = s; at <= path_.size(); ++at) {
        if (from(p + 2, at))
          return true;
      }
      return false;
    }
    if (glob_[p] == '*') {
      for (std::size_t at = s; at <= path_.size(); ++at) {
        if (from(p + 1, at))
          return true;
        if (at < path_.size() && path_[at] == '/')
          return false;
      }
      return false;
    }
    if (s >= path_.size())
      return false;
    if (glob_[p] == '?') {
      if (path_[s] == '/')
        return false;
      // One character, whatever its UTF-8 length.
      std::size_t next = s + 1;
      while (next < path_.size() && (static_cast<unsigned char>(path_[next]) & 0xC0) == 0x80)
        ++next;
      return from(p + 1, next);
    }
    return glob_[p] == path_[s] && from(p + 1, s + 1);
  }

  std::string_view glob_;
  std::string_view path_;
  std::vector<char> memo_;  // 0 not judged yet, 1 no, 2 yes
};

bool glob_matches(std::string_view glob, std::string_view path) {
  return GlobMatch(glob, path).from(0, 0);
}

}  // namespace

bool path_matches(std::string_view glob, std::string_view path) {
  while (glob.starts_with("./"))
    glob.remove_prefix(2);
  if (glob.empty())
    return false;
  if (glob.ends_with('/')) {
    // A folder: everything under it.
    std::string under(glob);
    under += "**";
    return glob_matches(under, path);
  }
  if (glob.find('/') == std::string_view::npos) {
    auto slash = path.rfind('/');
    return glob_matches(glob, path.substr(slash == std::string_view::npos ? 0 : slash + 1));
  }
  return glob_matches(glob, path);
}

void exclude(ValidationResult& result, const std::vector<std::string>& globs) {
  if (globs.empty())
    return;
  auto excluded = [&](std::string_view file) {
    if (file.empty() || file == kConfigFile || file == kRosterFile)
      return false;
    return std::any_of(globs.begin(), globs.end(),
                       [&](const std::string& glob) { return path_matches(glob, file); });
  };
  std::vector<std::string> checked;
  for (auto& file : result.checked_files)
    (excluded(file) ? result.excluded : checked).push_back(std::move(file));
  result.checked_files = std::move(checked);
  result.diagnostics.keep_files([&](std::string_view file) { return !excluded(file); });
  std::erase_if(result.silenced, [&](const Silenced& s) { return excluded(s.file); });
  const auto points = static_cast<std::size_t>(
      std::count_if(result.excluded.begin(), result.excluded.end(),
                    [](const std::string& f) { return f.starts_with("points/"); }));
  result.files -= std::min(result.files, result.excluded.size());
  result.points -= std::min(result.points, points);
}

// The units are independent and each walks every point's tree, so on a large registry they run
// side by side on every core; each writes its own list, and the lists are joined in the order of
// all.cpp, so that the result never depends on the threads.
void check_registry(const Registry& registry, Diagnostics& out) {
  const auto checks = rules::all_checks();
  std::vector<Diagnostics> found(checks.size());
  const bool large = registry.points.size() >= 1000;  // a thread costs more than a small registry
  parallel_for(checks.size(), large ? hardware_threads() : 1u,
               [&](std::size_t i) { checks[i].run(registry, found[i]); });
  for (auto& list : found)
    out.append(std::move(list));
}

ValidationResult validate(const ContentSource& source, const std::vector<std::string>& only,
                          Registry* loaded, const SettledFn& settled,
                          CalendarFiles calendar_files) {
  ValidationResult result;
  Registry registry = load_registry(source, result.diagnostics);
  // Which file of a duplicate is the new one: git says, when it can; else, of the files a user
  // names and the rest, the named ones are in question.
  for (const Point& point : registry.points) {
    auto text = registry.texts.find(point.file);
    const bool as_committed =
        settled ? text != registry.texts.end() && settled(point.file, text->second)
                : !only.empty() && !selected(point.file, only);
    if (as_committed)
      registry.settled.insert(point.file);
  }
  check_registry(registry, result.diagnostics);
  // The registry's own calendar years (registry-calendar): not content, but checked here, where
  // a user finds out that status and publish would leave a broken one out.
  if (calendar_files == CalendarFiles::check && !source.malformed())
    read_calendar_files(source, result.diagnostics, &registry.texts);
  silence(registry, result.diagnostics, result.silenced);

  // The files looked at: every file that could be read, and every file a
  // finding is about (one that could not be read has a finding and no text).
  std::set<std::string, std::less<>> files;
  for (const auto& [path, text] : registry.texts)
    files.insert(path);
  for (const auto& d : result.diagnostics.items()) {
    if (!d.where.file.empty())
      files.insert(d.where.file);
  }

  if (only.empty()) {
    // Calendar files read count as files looked at; they are no points.
    const auto calendar_files_read = static_cast<std::size_t>(
        std::count_if(registry.texts.begin(), registry.texts.end(),
                      [](const auto& entry) { return entry.first.starts_with("calendar/"); }));
    result.files = registry.files + calendar_files_read;
    const std::size_t settings = source.exists(kRosterFile) ? 2 : 1;
    result.points = registry.files >= settings ? registry.files - settings : 0;
    result.checked_files.assign(files.begin(), files.end());
  } else {
    // A duplicate is reported once, at the newer file; a user asking about the other file sees it
    // too.
    result.diagnostics.keep_files([&](std::string_view file) { return selected(file, only); },
                                  [&](const Diagnostic& d) {
                                    return d.rule == "point-duplicate" && !d.related.empty() &&
                                           selected(d.related.front().where.file, only);
                                  });
    for (const auto& file : files) {
      if (selected(file, only))
        result.checked_files.push_back(file);
    }
    std::erase_if(result.silenced, [&](const Silenced& s) { return !selected(s.file, only); });
    result.files = result.checked_files.size();
    result.points = static_cast<std::size_t>(
        std::count_if(result.checked_files.begin(), result.checked_files.end(),
                      [](const std::string& f) { return f.starts_with("points/"); }));
  }
  result.diagnostics.sort();
  result.diagnostics.limit(kMaxFindings);
  if (loaded != nullptr)
    *loaded = std::move(registry);
  return result;
}

}  // namespace perechen
