// SPDX-License-Identifier: Apache-2.0
#include "model.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace perechen::model {

namespace {

const std::string kSettingsFile = "perechen.yaml";
const std::string kRosterFile = "roster.yaml";

template <class T>
bool subset(const std::set<T>& a, const std::set<T>& b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

template <class T>
bool meets(const std::set<T>& a, const std::set<T>& b) {
  for (const auto& x : a) {
    if (b.count(x) != 0)
      return true;
  }
  return false;
}

std::string describe(const Settings& s) {
  std::ostringstream out;
  out << "t" << s.title;
  for (const auto& d : s.directions) {
    out << " " << d.id << "[";
    for (std::size_t i = 0; i < d.processes.size(); ++i) {
      out << (i ? "," : "") << d.processes[i].id;
      if (d.processes[i].title != 0)
        out << "." << d.processes[i].title;
    }
    out << "]";
  }
  if (s.duplicate_process)
    out << " DUPLICATE";
  return out.str();
}

std::string describe(const Roster& r) {
  std::ostringstream out;
  out << "cc=" << r.client_centricity;
  for (const auto& [d, p] : r.curators)
    out << " " << d << "=" << p;
  for (const auto& [proc, p] : r.owners)
    out << " " << proc << "=" << p;
  for (const auto& [role, people] : r.deputies) {
    out << " +" << role.substr(role.find(' ') + 1) << "=";
    for (std::size_t i = 0; i < people.size(); ++i)
      out << (i == 0 ? "" : ",") << people[i];
  }
  out << " keys";
  for (const auto& p : r.people)
    out << " " << p.id << ":" << p.key;
  return out.str();
}

std::string describe(const Point& p) {
  return p.process + "." + std::to_string(p.variant);
}

// The registry files of a content, each as the value its bytes are written from.
std::map<std::string, std::string> files_of(const Content& c) {
  std::map<std::string, std::string> files;
  files[kSettingsFile] = describe(c.settings);
  files[kRosterFile] = describe(c.roster);
  for (const auto& [path, point] : c.points)
    files[path] = describe(point);
  return files;
}

struct FileChange {
  std::optional<std::string> before, after;
  friend bool operator==(const FileChange&, const FileChange&) = default;
};
using Change = std::map<std::string, FileChange>;

// The registry files that differ (history.hpp's changed_files): perechen.yaml, roster.yaml and
// point files; a .keep is not one of them.
Change change_of(const Content* before, const Content& after) {
  std::map<std::string, std::string> a =
      before ? files_of(*before) : std::map<std::string, std::string>{};
  std::map<std::string, std::string> b = files_of(after);
  Change change;
  for (const auto& [path, value] : a) {
    auto it = b.find(path);
    if (it == b.end())
      change[path] = {value, std::nullopt};
    else if (it->second != value)
      change[path] = {value, it->second};
  }
  for (const auto& [path, value] : b) {
    if (a.count(path) == 0)
      change[path] = {std::nullopt, value};
  }
  return change;
}

std::set<std::string> paths_of(const Change& change) {
  std::set<std::string> paths;
  for (const auto& [path, f] : change)
    paths.insert(path);
  return paths;
}

struct Place {
  int title = 0;
  std::string direction;
};

// process -> its title and direction (the first entry when written twice).
std::map<std::string, Place> places(const Settings& s) {
  std::map<std::string, Place> result;
  for (const auto& d : s.directions) {
    for (const auto& p : d.processes)
      result.emplace(p.id, Place{p.title, d.id});
  }
  return result;
}

std::set<std::string> directions_of(const Settings& s) {
  std::set<std::string> result;
  for (const auto& d : s.directions)
    result.insert(d.id);
  return result;
}

// perechen.yaml changed outside its process lists: the title, the directions, or a process list
// that is not a plain list of distinct processes.
bool settings_changed(const Settings& a, const Settings& b) {
  if (a.title != b.title || a.duplicate_process != b.duplicate_process)
    return true;
  if (a.directions.size() != b.directions.size())
    return true;
  for (std::size_t i = 0; i < a.directions.size(); ++i) {
    if (a.directions[i].id != b.directions[i].id)
      return true;
  }
  return false;
}

std::string holder(const Roster& r, const std::string& role) {
  if (role == "client_centricity")
    return r.client_centricity;
  auto space = role.find(' ');
  std::string kind = role.substr(0, space);
  std::string scope = role.substr(space + 1);
  const auto& map = kind == "process_owner" ? r.owners : r.curators;
  auto it = map.find(scope);
  return it == map.end() ? std::string() : it->second;
}

// Whether an approval counts for a change needing `needed`, judged by `roster`: its key is the
// key of the person it names, and every role it claims is needed and held by that person.
bool counts(const Approval& a, const Roster& roster,
            const std::map<std::string, std::string>& needed) {
  const Person* person = roster.find(a.approver);
  if (person == nullptr || person->key != a.key || a.roles.empty())
    return false;
  for (const auto& role : a.roles) {
    auto it = needed.find(role);
    if (it == needed.end() || it->second.empty())
      return false;
    // The holder named for the role, or one who stands in for them (spec §2.2).
    auto deputies = roster.deputies.find(role);
    bool deputy = deputies != roster.deputies.end() &&
                  std::find(deputies->second.begin(), deputies->second.end(), a.approver) !=
                      deputies->second.end();
    if (it->second != a.approver && !deputy)
      return false;
  }
  return true;
}

}  // namespace

const Person* Roster::find(const std::string& id) const {
  for (const auto& p : people) {
    if (p.id == id)
      return &p;
  }
  return nullptr;
}

bool valid(const Content& c) {
  if (c.settings.duplicate_process)
    return false;
  std::set<std::string> processes, directions;
  for (const auto& d : c.settings.directions) {
    if (d.processes.empty() || !directions.insert(d.id).second)
      return false;
    for (const auto& p : d.processes) {
      if (!processes.insert(p.id).second)
        return false;
    }
  }
  for (const auto& [path, point] : c.points) {
    if (processes.count(point.process) == 0)
      return false;
  }
  const Roster& r = c.roster;
  std::set<int> keys;
  for (const auto& p : r.people) {
    if (!keys.insert(p.key).second)
      return false;
  }
  auto person = [&](const std::string& id) { return r.find(id) != nullptr; };
  if (!person(r.client_centricity))
    return false;
  for (const auto& [d, p] : r.curators) {
    if (directions.count(d) == 0 || !person(p))
      return false;
  }
  for (const auto& [proc, p] : r.owners) {
    if (processes.count(proc) == 0 || !person(p))
      return false;
  }
  for (const auto& d : directions) {
    if (r.curators.count(d) == 0)
      return false;
  }
  for (const auto& p : processes) {
    if (r.owners.count(p) == 0)
      return false;
  }
  // Further holders: people of the roster, for a role that has a holder.
  for (const auto& [role, people] : r.deputies) {
    if (holder(r, role).empty())
      return false;
    for (const auto& id : people) {
      if (!person(id))
        return false;
    }
  }
  return true;
}

std::string describe(const Content& c) {
  std::ostringstream out;
  out << describe(c.settings) << " | " << describe(c.roster) << " |";
  for (const auto& [path, point] : c.points)
    out << " " << path.substr(7) << "=" << describe(point);  // "points/" left out
  for (const auto& keep : c.keeps)
    out << " " << keep.substr(7);
  if (c.malformed != 0)
    out << " | MALFORMED" << c.malformed;
  if (!valid(c))
    out << " | INVALID";
  return out.str();
}

const std::vector<std::string>& people_ids() {
  static const std::vector<std::string> ids{"belov",  "ivanova", "kozlov",
                                            "orlova", "petrova", "sidorov"};
  return ids;
}

Content initial_content() {
  const auto people = people_ids();
  Content c;
  c.settings.directions = {Direction{"d1", {{"p1", 0}, {"p2", 0}}}, Direction{"d2", {{"p3", 0}}},
                           Direction{"d3", {{"p4", 0}}}};
  for (std::size_t i = 0; i < people.size(); ++i)
    c.roster.people.push_back(Person{people[i], static_cast<int>(i)});
  c.roster.client_centricity = "ivanova";
  c.roster.curators = {{"d1", "petrova"}, {"d2", "petrova"}, {"d3", "kozlov"}};
  c.roster.owners = {{"p1", "sidorov"}, {"p2", "sidorov"}, {"p3", "orlova"}, {"p4", "belov"}};
  c.points = {{"points/a/t1.yaml", {"p1", 0}},
              {"points/b/t2.yaml", {"p2", 0}},
              {"points/c/t3.yaml", {"p3", 0}},
              {"points/a/t4.yaml", {"p4", 0}}};
  return c;
}

// ---- Roles ------------------------------------------------------------------------------------

std::map<std::string, std::string> Evaluator::needed(const Content* base, const Content& current) {
  std::map<std::string, std::string> result;
  if (base != nullptr && *base == current)
    return result;  // identical: nothing needed
  // The first version is judged by its own settings and roster.
  const Content& judge = base != nullptr ? *base : current;

  // P: the processes of every point file added, removed or changed (before and after), and every
  // process added, removed, renamed or moved in perechen.yaml.
  std::set<std::string> processes;
  std::set<std::string> paths;
  for (const auto& [path, p] : current.points)
    paths.insert(path);
  if (base != nullptr) {
    for (const auto& [path, p] : base->points)
      paths.insert(path);
  }
  for (const auto& path : paths) {
    std::optional<Point> before, after;
    if (base != nullptr && base->points.count(path) != 0)
      before = base->points.at(path);
    if (current.points.count(path) != 0)
      after = current.points.at(path);
    if (before == after)
      continue;
    if (before)
      processes.insert(before->process);
    if (after)
      processes.insert(after->process);
  }
  std::map<std::string, Place> old_places;
  if (base != nullptr)
    old_places = places(base->settings);
  std::map<std::string, Place> new_places = places(current.settings);
  for (const auto& [id, place] : new_places) {
    auto it = old_places.find(id);
    if (it == old_places.end() || it->second.title != place.title ||
        it->second.direction != place.direction)
      processes.insert(id);
  }
  for (const auto& [id, place] : old_places) {
    if (new_places.count(id) == 0)
      processes.insert(id);
  }

  // D: the directions of those processes, before and after; every direction when settings or the
  // roster changed, or when a process is unknown to both.
  bool every = base == nullptr || settings_changed(base->settings, current.settings) ||
               !(base->roster == current.roster);
  std::set<std::string> directions;
  for (const auto& p : processes) {
    std::set<std::string> found;
    if (auto it = old_places.find(p); it != old_places.end())
      found.insert(it->second.direction);
    if (auto it = new_places.find(p); it != new_places.end())
      found.insert(it->second.direction);
    if (found.empty())
      every = true;
    directions.insert(found.begin(), found.end());
  }
  if (every) {
    for (const Content* c : {base, &current}) {
      if (c != nullptr) {
        auto all = directions_of(c->settings);
        directions.insert(all.begin(), all.end());
      }
    }
  }

  // A role whose scope the base neither lists nor fills is not needed; one it lists but does not
  // fill is needed, and held by nobody.
  const auto judge_places = places(judge.settings);
  const auto judge_directions = directions_of(judge.settings);
  for (const auto& p : processes) {
    if (judge_places.count(p) != 0 || judge.roster.owners.count(p) != 0)
      result["process_owner " + p] = holder(judge.roster, "process_owner " + p);
  }
  for (const auto& d : directions) {
    if (judge_directions.count(d) != 0 || judge.roster.curators.count(d) != 0)
      result["direction_curator " + d] = holder(judge.roster, "direction_curator " + d);
  }
  result["client_centricity"] = judge.roster.client_centricity;
  return result;
}

// ---- The evaluation ---------------------------------------------------------------------------

void Evaluator::advance() {
  while (states_.size() < history_.commits.size()) {
    states_.emplace_back();
    evaluate(states_.size() - 1);
  }
}

bool Evaluator::same_content(std::size_t a, std::size_t b) const {
  const auto& x = history_.commits[a].content;
  const auto& y = history_.commits[b].content;
  if (!x || !y)
    return !x && !y;
  if (x->malformed != 0 || y->malformed != 0)
    return x->malformed != 0 && y->malformed != 0;  // both "malformed"
  return *x == *y;
}

// Step 2. Not modelled: "the signer is a person of some roster read in the walk". An approval that
// fails it counts nowhere anyway: counting needs its key in the base's roster, which is read.
bool Evaluator::pass1(std::size_t c) const {
  const Commit& commit = history_.commits[c];
  if (!commit.approval)
    return false;
  if (commit.parents.size() != 1)
    return false;
  const Commit& parent = history_.commits[commit.parents[0]];
  if (!(commit.content == parent.content) || commit.readme != parent.readme)
    return false;  // not the same tree
  if (commit.approval->bad_signature)
    return false;
  if (!commit.content)
    return false;
  const auto& claimed = commit.approval->claims_content_of
                            ? history_.commits[*commit.approval->claims_content_of].content
                            : commit.content;
  return claimed && *claimed == *commit.content;
}

std::string Evaluator::key(std::size_t v, std::size_t at) const {
  std::string best;
  const auto& ancestors = states_[at].ancestors;
  for (std::size_t c : versions_[v].completions) {
    if (ancestors.count(c) != 0 && (best.empty() || history_.commits[c].id < best))
      best = history_.commits[c].id;
  }
  return best;
}

std::size_t Evaluator::node(std::size_t v, std::size_t at) const {
  std::string best = key(v, at);
  for (std::size_t c : versions_[v].completions) {
    if (history_.commits[c].id == best)
      return c;
  }
  return *versions_[v].completions.begin();
}

void Evaluator::sort_versions(std::vector<std::size_t>& list, std::size_t at) const {
  std::sort(list.begin(), list.end(),
            [&](std::size_t a, std::size_t b) { return key(a, at) < key(b, at); });
}

std::set<std::size_t> Evaluator::versions_at(std::size_t c) const {
  std::set<std::size_t> result;
  for (std::size_t v = 0; v < versions_.size(); ++v) {
    if (meets(versions_[v].completions, states_[c].ancestors))
      result.insert(v);
  }
  return result;
}

std::set<std::size_t> Evaluator::anc(std::size_t v) const {
  std::set<std::size_t> result{v};
  for (const auto* list : {&versions_[v].bases, &versions_[v].absorbed}) {
    for (std::size_t b : *list) {
      auto more = anc(b);
      result.insert(more.begin(), more.end());
    }
  }
  return result;
}

std::set<std::size_t> Evaluator::anc(const Candidate& candidate) const {
  std::set<std::size_t> result;
  for (const auto* list : {&candidate.bases, &candidate.absorbed}) {
    for (std::size_t b : *list) {
      auto more = anc(b);
      result.insert(more.begin(), more.end());
    }
  }
  return result;
}

std::set<std::size_t> Evaluator::spent(std::size_t v) const {
  std::set<std::size_t> result;
  for (std::size_t u : anc(v))
    result.insert(versions_[u].consumed.begin(), versions_[u].consumed.end());
  return result;
}

std::set<std::size_t> Evaluator::spent(const Candidate& candidate) const {
  std::set<std::size_t> result = candidate.consumed;
  for (const auto* list : {&candidate.bases, &candidate.absorbed}) {
    for (std::size_t b : *list) {
      auto more = spent(b);
      result.insert(more.begin(), more.end());
    }
  }
  return result;
}

// covers(V, W): W is in anc(V); or consumed(W) is not empty, lies in spent(V), and V covers every
// base of W. `v` is a version being formed (not yet one of versions_).
bool Evaluator::covers(const Candidate& v, std::size_t w) const {
  if (anc(v).count(w) != 0)
    return true;
  const Version& W = versions_[w];
  if (W.consumed.empty() || !subset(W.consumed, spent(v)))
    return false;
  for (std::size_t b : W.bases) {
    if (!covers(v, b))
      return false;
  }
  return true;
}

bool Evaluator::covers(std::size_t v, std::size_t w) const {
  if (v == w)
    return true;
  return covers(Candidate{versions_[v].bases, versions_[v].consumed, versions_[v].absorbed}, w);
}

// Perechen-Base names tip t: its completion commit, or a later commit approved at t's content.
bool Evaluator::names(std::size_t approval, std::size_t tip, std::size_t c) const {
  const Approval& a = *history_.commits[approval].approval;
  if (a.base != Approval::Base::commit)
    return false;
  std::size_t b = a.base_commit;
  if (states_[c].ancestors.count(b) == 0)
    return false;
  if (versions_[tip].completions.count(b) != 0)
    return true;
  const CommitState& at = states_[b];
  return at.approved && std::find(at.tips.begin(), at.tips.end(), tip) != at.tips.end();
}

// (fresh): approvals of live(c) naming the tip (Perechen-Base "none" for the first version), not
// spent at the tip nor excluded; per needed role the counting approval of smallest commit id.
std::optional<std::set<std::size_t>> Evaluator::fresh(std::size_t c, std::optional<std::size_t> tip,
                                                      const std::set<std::size_t>& excluded) const {
  const Content& x = *history_.commits[c].content;
  const Content* base = tip ? &versions_[*tip].content : nullptr;
  const Roster& roster = base != nullptr ? base->roster : x.roster;
  const auto need = needed(base, x);
  const std::set<std::size_t> gone = tip ? spent(*tip) : std::set<std::size_t>{};
  std::map<std::string, std::size_t> best;
  for (std::size_t a : states_[c].live) {
    const Approval& approval = *history_.commits[a].approval;
    if (tip) {
      if (!names(a, *tip, c))
        continue;
    } else if (approval.base != Approval::Base::none) {
      continue;
    }
    if (gone.count(a) != 0 || excluded.count(a) != 0)
      continue;
    if (!counts(approval, roster, need))
      continue;
    for (const auto& role : approval.roles) {
      auto it = best.find(role);
      if (it == best.end() || history_.commits[a].id < history_.commits[it->second].id)
        best[role] = a;
    }
  }
  std::set<std::size_t> consumed;
  for (const auto& [role, who] : need) {
    auto it = best.find(role);
    if (it == best.end())
      return std::nullopt;
    consumed.insert(it->second);
  }
  return consumed;
}

// (carried): versions whose change, approved on an older base, is a part of the change t -> X,
// and that nothing since that base touched.
std::optional<std::set<std::size_t>> Evaluator::carried(
    std::size_t c, std::size_t tip, const std::set<std::size_t>& excluded) const {
  const Content& x = *history_.commits[c].content;
  const Content& t = versions_[tip].content;
  const Change target = change_of(&t, x);
  const auto anc_t = anc(tip);
  auto gone = spent(tip);
  gone.insert(excluded.begin(), excluded.end());

  struct Found {
    std::size_t w;
    Change change;
  };
  std::vector<Found> found;
  for (std::size_t w : versions_at(c)) {
    const Version& W = versions_[w];
    if (W.bases.size() != 1)
      continue;
    std::size_t b = *W.bases.begin();
    if (anc_t.count(b) == 0 || anc_t.count(w) != 0)
      continue;
    if (meets(W.consumed, gone))
      continue;
    Change change = change_of(&versions_[b].content, W.content);
    if (change.empty())
      continue;
    // A change of the settings or the roster is never carried.
    if (change.count(kSettingsFile) != 0 || change.count(kRosterFile) != 0)
      continue;
    bool part = true;
    for (const auto& [path, f] : change) {
      auto it = target.find(path);
      part = part && it != target.end() && it->second == f;
    }
    if (!part)
      continue;
    std::set<std::string> guarded = paths_of(change);
    guarded.insert(kSettingsFile);
    guarded.insert(kRosterFile);
    const auto anc_b = anc(b);
    bool untouched = true;
    for (std::size_t v : anc_t) {
      if (anc_b.count(v) != 0)
        continue;
      for (std::size_t vb : versions_[v].bases) {
        if (meets(paths_of(change_of(&versions_[vb].content, versions_[v].content)), guarded))
          untouched = false;
      }
    }
    if (untouched)
      found.push_back({w, std::move(change)});
  }
  std::sort(found.begin(), found.end(), [&](const Found& a, const Found& b) {
    if (a.change.size() != b.change.size())
      return a.change.size() > b.change.size();
    return key(a.w, c) < key(b.w, c);
  });
  std::set<std::string> taken_paths;
  std::set<std::size_t> approvals;
  bool any = false;
  for (const auto& f : found) {
    auto paths = paths_of(f.change);
    if (meets(paths, taken_paths))
      continue;
    any = true;
    taken_paths.insert(paths.begin(), paths.end());
    approvals.insert(versions_[f.w].consumed.begin(), versions_[f.w].consumed.end());
  }
  if (!any || taken_paths != paths_of(target))
    return std::nullopt;
  // Their approvals count as (fresh) would under t's roster.
  const auto need = needed(&t, x);
  std::set<std::string> covered;
  for (std::size_t a : approvals) {
    const Approval& approval = *history_.commits[a].approval;
    if (!counts(approval, t.roster, need))
      return std::nullopt;
    covered.insert(approval.roles.begin(), approval.roles.end());
  }
  for (const auto& [role, who] : need) {
    if (covered.count(role) == 0)
      return std::nullopt;
  }
  return approvals;
}

// Re-approved (step 4): w, down its single bases to one the candidate covers, each a change that
// is a part of the change of a non-empty leg of the candidate; taken into the candidate.
bool Evaluator::reapproved(std::size_t c, Candidate& v, std::size_t w) const {
  const Content& x = *history_.commits[c].content;
  std::vector<std::size_t> chain;
  for (std::size_t u = w; !covers(v, u); u = *versions_[u].bases.begin()) {
    if (versions_[u].bases.size() != 1)
      return false;
    chain.push_back(u);
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Version& W = versions_[*it];
    Change change = change_of(&versions_[*W.bases.begin()].content, W.content);
    if (change.empty())
      return false;
    bool part = false;
    for (std::size_t b : v.bases) {
      if (versions_[b].content == x)
        continue;
      Change leg = change_of(&versions_[b].content, x);
      bool all = true;
      for (const auto& [path, f] : change) {
        auto found = leg.find(path);
        all = all && found != leg.end() && found->second == f;
      }
      part = part || all;
    }
    if (!part)
      return false;
    v.absorbed.insert(*it);
  }
  return true;
}

Evaluator::Leg Evaluator::settle(std::size_t c, std::optional<std::size_t> tip,
                                 const std::set<std::size_t>& earlier) {
  const Content& x = *history_.commits[c].content;
  if (tip && versions_[*tip].content == x)
    return Leg{true, true, {}, "empty"};
  if (auto consumed = fresh(c, tip, earlier)) {
    std::string how = tip ? "fresh" : "first version";
    for (std::size_t a : *consumed) {
      if (tip && versions_[*tip].completions.count(history_.commits[a].approval->base_commit) == 0)
        how = "fresh (base: a later commit)";
    }
    return Leg{true, false, *consumed, how};
  }
  if (tip) {
    if (auto consumed = carried(c, *tip, earlier))
      return Leg{true, false, *consumed, "carried"};
  }
  return Leg{};
}

void Evaluator::evaluate(std::size_t c) {
  const Commit& commit = history_.commits[c];
  CommitState& st = states_[c];
  for (std::size_t p : commit.parents) {
    if (p >= c)
      throw std::logic_error("a parent after its child");
  }
  st.ancestors.insert(c);
  for (std::size_t p : commit.parents)
    st.ancestors.insert(states_[p].ancestors.begin(), states_[p].ancestors.end());

  // Pass 1 and live(c).
  st.approval = pass1(c);
  if (st.approval)
    st.live.insert(c);
  for (std::size_t p : commit.parents) {
    if (same_content(p, c))
      st.live.insert(states_[p].live.begin(), states_[p].live.end());
  }

  // Roots.
  if (commit.content) {
    st.root = true;
    for (std::size_t a : st.ancestors) {
      if (a != c && history_.commits[a].content)
        st.root = false;
    }
  }

  // tips(c) from the parents' tips: those no other of them covers.
  std::set<std::size_t> all;
  for (std::size_t p : commit.parents)
    all.insert(states_[p].tips.begin(), states_[p].tips.end());
  std::vector<std::size_t> tips;
  for (std::size_t t : all) {
    bool covered = false;
    for (std::size_t u : all)
      covered = covered || (u != t && covers(u, t));
    if (!covered)
      tips.push_back(t);
  }
  sort_versions(tips, c);
  st.tips = tips;

  // Step 4: a version formed at c.
  const auto& x = commit.content;
  if (x && x->malformed == 0 && valid(*x)) {
    std::optional<Candidate> made;
    std::vector<std::string> how;
    if (tips.empty()) {
      Leg leg = settle(c, std::nullopt, {});
      if (leg.settled) {
        made = Candidate{{}, leg.consumed, {}};
        how = {leg.how};
      }
    } else if (std::any_of(tips.begin(), tips.end(),
                           [&](std::size_t t) { return !(versions_[t].content == *x); })) {
      for (std::size_t t0 : tips) {
        Leg leg = settle(c, t0, {});
        if (!leg.settled)
          continue;
        Candidate v{{t0}, leg.consumed, {}};
        how = {leg.how};
        bool not_empty = !leg.empty;
        bool ok = true;
        for (std::size_t t : tips) {
          if (t == t0 || covers(v, t) || reapproved(c, v, t))
            continue;
          Leg more = settle(c, t, v.consumed);
          if (!more.settled) {
            ok = false;
            break;
          }
          v.bases.insert(t);
          v.consumed.insert(more.consumed.begin(), more.consumed.end());
          how.push_back(more.how);
          not_empty = not_empty || !more.empty;
        }
        if (ok && not_empty) {
          made = v;
          break;
        }
      }
    }
    if (made) {
      std::optional<std::size_t> same;
      for (std::size_t v = 0; v < versions_.size(); ++v) {
        const Version& V = versions_[v];
        if (V.content == *x && V.bases == made->bases && V.consumed == made->consumed)
          same = v;
      }
      if (!same) {
        versions_.push_back(Version{*x, made->bases, made->consumed, {}, made->absorbed});
        same = versions_.size() - 1;
      }
      versions_[*same].completions.insert(c);
      st.formed = same;
      st.legs = how;
      st.tips = {*same};
    }
  }
  // tips(c) as TERMS defines it, to check the computation from the parents' tips.
  const auto all_versions = versions_at(c);
  std::set<std::size_t> defined;
  for (std::size_t v : all_versions) {
    bool covered = false;
    for (std::size_t u : all_versions)
      covered = covered || (u != v && covers(u, v));
    if (!covered)
      defined.insert(v);
  }
  st.tips_inconsistent = defined != std::set<std::size_t>(st.tips.begin(), st.tips.end());
  st.approved = verdict(c, st.why);
}

// Step 5 (and step 3's refusals).
bool Evaluator::verdict(std::size_t c, std::string& why) const {
  const CommitState& st = states_[c];
  const auto& x = history_.commits[c].content;
  std::size_t roots = 0;
  for (std::size_t a : st.ancestors)
    roots += states_[a].root ? 1u : 0u;
  if (roots >= 2) {
    why = "roots";
    return false;
  }
  std::vector<const Content*> firsts;
  for (std::size_t v : versions_at(c)) {
    if (!versions_[v].bases.empty())
      continue;
    for (const Content* f : firsts) {
      if (!(*f == versions_[v].content)) {
        why = "two first versions";
        return false;
      }
    }
    firsts.push_back(&versions_[v].content);
  }
  if (!x) {
    why = "no registry";
    return false;
  }
  if (x->malformed != 0) {
    why = "malformed";
    return false;
  }
  if (!valid(*x)) {
    why = "invalid";
    return false;
  }
  if (st.tips.empty()) {
    why = "nothing approved";
    return false;
  }
  for (std::size_t t : st.tips) {
    if (!(versions_[t].content == *x)) {
      why = "pending";
      return false;
    }
  }
  why.clear();
  return true;
}

std::optional<std::size_t> Evaluator::pending_tip(std::size_t commit) const {
  const auto& x = history_.commits[commit].content;
  for (std::size_t t : states_[commit].tips) {
    if (!x || !(versions_[t].content == *x))
      return t;
  }
  return std::nullopt;
}

std::map<std::string, std::string> Evaluator::missing(std::size_t c,
                                                      std::optional<std::size_t> tip) const {
  const Content& x = *history_.commits[c].content;
  const Content* base = tip ? &versions_[*tip].content : nullptr;
  const Roster& roster = base != nullptr ? base->roster : x.roster;
  auto result = needed(base, x);
  const std::set<std::size_t> gone = tip ? spent(*tip) : std::set<std::size_t>{};
  const auto need = result;
  for (std::size_t a : states_[c].live) {
    const Approval& approval = *history_.commits[a].approval;
    bool named = tip ? names(a, *tip, c) : approval.base == Approval::Base::none;
    if (!named || gone.count(a) != 0 || !counts(approval, roster, need))
      continue;
    for (const auto& role : approval.roles)
      result.erase(role);
  }
  return result;
}

std::string Evaluator::describe_version(std::size_t v, std::size_t at) const {
  std::ostringstream out;
  out << "v" << v << "@c" << node(v, at);
  if (!versions_[v].bases.empty()) {
    out << "(bases";
    for (std::size_t b : versions_[v].bases)
      out << " v" << b;
    out << ")";
  }
  out << "{";
  bool first = true;
  for (std::size_t a : versions_[v].consumed) {
    out << (first ? "" : ",") << "c" << a;
    first = false;
  }
  out << "}";
  return out.str();
}

std::string Evaluator::describe_state(std::size_t commit) const {
  const CommitState& st = states_[commit];
  std::ostringstream out;
  out << (st.approved ? "approved" : "not approved (" + st.why + ")");
  out << ", tips [";
  for (std::size_t i = 0; i < st.tips.size(); ++i)
    out << (i ? " " : "") << describe_version(st.tips[i], commit);
  out << "]";
  return out.str();
}

}  // namespace perechen::model
