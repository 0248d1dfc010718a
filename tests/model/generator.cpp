// SPDX-License-Identifier: Apache-2.0
#include "generator.hpp"

#include <algorithm>

namespace perechen::model {

namespace {

// `person` no longer stands in for `role`, which they now hold themselves.
void drop_deputy(Roster& roster, const std::string& role, const std::string& person) {
  auto it = roster.deputies.find(role);
  if (it == roster.deputies.end())
    return;
  auto& list = it->second;
  list.erase(std::remove(list.begin(), list.end(), person), list.end());
  if (list.empty())
    roster.deputies.erase(it);
}

constexpr int kOutsider = 9;  // a key no roster holds
const std::vector<int> kSpareKeys{6, 7, 8};

std::string folder_of(int slug) {
  return std::string(1, static_cast<char>('a' + (slug - 1) % 3));
}

std::string point_path(int slug) {
  return "points/" + folder_of(slug) + "/t" + std::to_string(slug) + ".yaml";
}

std::vector<std::string> process_ids(const Content& c) {
  std::vector<std::string> ids;
  for (const auto& d : c.settings.directions) {
    for (const auto& p : d.processes)
      ids.push_back(p.id);
  }
  return ids;
}

void normalize(Content& c) {
  for (auto& d : c.settings.directions) {
    std::sort(d.processes.begin(), d.processes.end(),
              [](const Process& a, const Process& b) { return a.id < b.id; });
  }
  std::sort(c.roster.people.begin(), c.roster.people.end(),
            [](const Person& a, const Person& b) { return a.id < b.id; });
}

// A three-way merge of one part: the side that changed wins, `ours` when both did.
template <class T>
T merge3(const std::optional<T>& base, const T& ours, const T& theirs) {
  if (base && ours == *base)
    return theirs;
  return ours;
}

template <class K, class V>
std::map<K, V> merge_maps(const std::map<K, V>* base, const std::map<K, V>& ours,
                          const std::map<K, V>& theirs) {
  std::set<K> keys;
  for (const auto* m : {base, &ours, &theirs}) {
    if (m == nullptr)
      continue;
    for (const auto& [k, v] : *m)
      keys.insert(k);
  }
  std::map<K, V> result;
  for (const auto& k : keys) {
    auto get = [&](const std::map<K, V>* m) -> std::optional<V> {
      if (m == nullptr)
        return std::nullopt;
      auto it = m->find(k);
      if (it == m->end())
        return std::nullopt;
      return it->second;
    };
    std::optional<V> b = get(base), o = get(&ours), t = get(&theirs);
    std::optional<V> m = (base != nullptr && o == b) ? t : o;
    if (m)
      result[k] = *m;
  }
  return result;
}

}  // namespace

Generator::Generator(std::uint64_t seed, History& history, RepoBuilder& builder, Evaluator& model)
    : random_(seed), history_(history), builder_(builder), model_(model) {}

std::size_t Generator::pick(std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
}

bool Generator::chance(double p) {
  return std::uniform_real_distribution<double>(0, 1)(random_) < p;
}

std::size_t Generator::add(Commit commit) {
  commit.stamp = static_cast<int>(history_.commits.size());
  history_.commits.push_back(std::move(commit));
  std::size_t c = history_.commits.size() - 1;
  builder_.write(history_, c);
  model_.advance();
  return c;
}

void Generator::run(std::size_t commits) {
  start();
  bool second = chance(0.04);
  while (history_.commits.size() < commits) {
    if (second && history_.commits.size() > commits / 2) {
      second = false;
      second_root();
      continue;
    }
    double r = std::uniform_real_distribution<double>(0, 100)(random_);
    // Changes are mostly made on pull-request branches, not on main.
    Branch& branch = branches_.size() == 1 || chance(0.25)
                         ? branches_.front()
                         : branches_[1 + pick(branches_.size() - 1)];
    if (r < 18) {
      edit(branch);
    } else if (r < 43) {
      // Mostly a branch waiting for approvals.
      std::vector<std::size_t> waiting;
      for (std::size_t b = 0; b < branches_.size(); ++b) {
        if (!model_.state(branches_[b].head).approved)
          waiting.push_back(b);
      }
      approve(!waiting.empty() && chance(0.8) ? branches_[one_of(waiting)] : branch);
    } else if (r < 55) {
      new_branch();
    } else if (r < 63) {
      siblings();
    } else if (r < 88) {
      merge();
    } else if (r < 94) {
      fast_forward();
    } else {
      const Commit& head = history_.commits[branch.head];
      Commit c;
      c.parents = {branch.head};
      c.content = head.content;
      c.readme = head.readme + 1;
      c.note = "readme on " + branch.name;
      count("readme");
      branch.head = add(std::move(c));
    }
  }
}

void Generator::start() {
  if (chance(0.1)) {
    Commit readme;
    readme.note = "readme only";
    count("a first commit without registry");
    branches_.push_back({"main", add(std::move(readme))});
  }
  Commit first;
  if (!branches_.empty())
    first.parents = {branches_.front().head};
  first.content = initial_content();
  first.note = "first registry";
  if (chance(0.2)) {
    std::string note;
    first.content = mutate(*first.content, 0, note);
    first.note += ", " + note;
  }
  std::size_t c = add(std::move(first));
  if (branches_.empty())
    branches_.push_back({"main", c});
  else
    branches_.front().head = c;
  if (chance(0.85)) {
    // Most registries start with a first version approved by everyone.
    faults_ = chance(0.3);
    approve(branches_.front());
    faults_ = true;
  }
}

void Generator::second_root() {
  Commit root;
  root.content = initial_content();
  if (chance(0.6))
    root.content->settings.title = 99;
  root.note = "a second root";
  count("a second root");
  branches_.push_back({"other" + std::to_string(++branch_count_), add(std::move(root))});
  if (chance(0.7))
    approve(branches_.back());
}

// ---- Edits ------------------------------------------------------------------------------------

Content Generator::mutate(Content c, std::size_t head, std::string& note) {
  auto say = [&](const char* kind, const std::string& what) {
    count(std::string("edit: ") + kind);
    note += (note.empty() ? "" : "; ") + what;
  };
  if (c.malformed != 0 && chance(0.9)) {
    c.malformed = 0;
    say("heal", "well-formed again");
  }
  if (c.settings.duplicate_process && chance(0.9)) {
    c.settings.duplicate_process = false;
    say("heal", "duplicate process gone");
  }
  if (chance(0.9)) {
    auto ids = process_ids(c);
    for (auto& [path, point] : c.points) {
      if (std::find(ids.begin(), ids.end(), point.process) == ids.end()) {
        point.process = one_of(ids);
        say("heal", path.substr(7) + " back to " + point.process);
      }
    }
  }
  const int changes = chance(0.3) ? 2 : 1;
  for (int i = 0; i < changes; ++i) {
    // Points only: text, added, removed, another process.
    const double r = std::uniform_real_distribution<double>(0, points_only_ ? 52 : 100)(random_);
    auto ids = process_ids(c);
    std::vector<std::string> paths;
    for (const auto& [path, point] : c.points)
      paths.push_back(path);
    if (r < 30 && !paths.empty()) {
      const std::string& path = one_of(paths);
      Point& p = c.points[path];
      int variant = chance(0.5) ? static_cast<int>(pick(4)) : variants_++;
      if (variant == p.variant)
        variant = variants_++;
      p.variant = variant;
      say("point text", path.substr(7) + " text " + std::to_string(variant));
    } else if (r < 40) {
      std::vector<int> free;
      for (int s = 1; s <= 12; ++s) {
        if (c.points.count(point_path(s)) == 0)
          free.push_back(s);
      }
      if (free.empty())
        continue;
      int slug = one_of(free);
      c.points[point_path(slug)] = Point{one_of(ids), static_cast<int>(pick(3))};
      say("point added", "add " + point_path(slug).substr(7));
    } else if (r < 46 && paths.size() > 2) {
      const std::string& path = one_of(paths);
      c.points.erase(path);
      say("point removed", "remove " + path.substr(7));
    } else if (r < 52 && !paths.empty() && ids.size() > 1) {
      const std::string& path = one_of(paths);
      Point& p = c.points[path];
      std::string to = one_of(ids);
      if (to == p.process)
        continue;
      say("point to another process", path.substr(7) + " to " + to);
      p.process = to;
    } else if (r < 57) {
      int title = chance(0.5) ? static_cast<int>(pick(3)) : variants_++;
      if (title == c.settings.title)
        title = variants_++;
      c.settings.title = title;
      say("settings title", "title " + std::to_string(title));
    } else if (r < 62) {
      std::vector<std::size_t> from;
      for (std::size_t d = 0; d < c.settings.directions.size(); ++d) {
        if (c.settings.directions[d].processes.size() >= 2)
          from.push_back(d);
      }
      if (from.empty())
        continue;
      std::size_t d = one_of(from);
      std::size_t to = pick(c.settings.directions.size());
      if (to == d)
        to = (to + 1) % c.settings.directions.size();
      auto& list = c.settings.directions[d].processes;
      std::size_t k = pick(list.size());
      Process moved = list[k];
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(k));
      c.settings.directions[to].processes.push_back(moved);
      say("process moved", "move " + moved.id + " " + c.settings.directions[d].id + "->" +
                               c.settings.directions[to].id);
    } else if (r < 67) {
      auto& d = c.settings.directions[pick(c.settings.directions.size())];
      auto& p = d.processes[pick(d.processes.size())];
      int title = chance(0.5) ? static_cast<int>(pick(3)) : variants_++;
      if (title == p.title)
        title = variants_++;
      p.title = title;
      say("process renamed", "rename " + p.id + " " + std::to_string(title));
    } else if (r < 71) {
      std::string id = "p" + std::to_string(++processes_);
      auto& d = c.settings.directions[pick(c.settings.directions.size())];
      d.processes.push_back(Process{id, 0});
      std::string owner = one_of(people_ids());
      c.roster.owners[id] = owner;
      say("process added", "add process " + id + " to " + d.id + ", owner " + owner);
    } else if (r < 74 && ids.size() > 3) {
      std::vector<std::pair<std::size_t, std::size_t>> removable;
      for (std::size_t d = 0; d < c.settings.directions.size(); ++d) {
        if (c.settings.directions[d].processes.size() >= 2) {
          for (std::size_t k = 0; k < c.settings.directions[d].processes.size(); ++k)
            removable.emplace_back(d, k);
        }
      }
      if (removable.empty())
        continue;
      auto [d, k] = one_of(removable);
      auto& list = c.settings.directions[d].processes;
      std::string id = list[k].id;
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(k));
      c.roster.owners.erase(id);
      c.roster.deputies.erase("process_owner " + id);
      auto rest = process_ids(c);
      for (auto& [path, point] : c.points) {
        if (point.process == id)
          point.process = one_of(rest);
      }
      say("process removed", "remove process " + id);
    } else if (r < 77) {
      std::string to = one_of(people_ids());
      int which = static_cast<int>(pick(3));
      if (which == 0) {
        if (to == c.roster.client_centricity)
          continue;
        c.roster.client_centricity = to;
        drop_deputy(c.roster, "client_centricity", to);
        say("role moved", "client_centricity to " + to);
      } else {
        auto& map = which == 1 ? c.roster.curators : c.roster.owners;
        if (map.empty())
          continue;
        auto it = map.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(pick(map.size())));
        if (it->second == to)
          continue;
        it->second = to;
        drop_deputy(c.roster, (which == 1 ? "direction_curator " : "process_owner ") + it->first,
                    to);
        say("role moved", it->first + " to " + to);
      }
    } else if (r < 80) {
      // Several holders (spec §2.2): one who stands in is added to a role, or leaves it.
      std::vector<std::pair<std::string, std::string>> roles{
          {"client_centricity", c.roster.client_centricity}};
      for (const auto& [d, person] : c.roster.curators)
        roles.emplace_back("direction_curator " + d, person);
      for (const auto& [p, person] : c.roster.owners)
        roles.emplace_back("process_owner " + p, person);
      auto [role, holder] = one_of(roles);
      std::string who = one_of(people_ids());
      auto& list = c.roster.deputies[role];
      auto at = std::find(list.begin(), list.end(), who);
      if (at != list.end()) {
        list.erase(at);
        if (list.empty())
          c.roster.deputies.erase(role);
        say("deputy", who + " no longer stands in as " + role);
      } else if (who != holder) {
        list.push_back(who);
        say("deputy", who + " stands in as " + role);
      } else {
        if (list.empty())
          c.roster.deputies.erase(role);
        continue;
      }
    } else if (r < 83) {
      auto& person = c.roster.people[pick(c.roster.people.size())];
      std::set<int> used;
      for (const auto& p : c.roster.people)
        used.insert(p.key);
      std::vector<int> free;
      for (int k : kSpareKeys) {
        if (used.count(k) == 0)
          free.push_back(k);
      }
      if (free.empty())
        continue;
      person.key = one_of(free);
      say("key changed", "key of " + person.id + " now k" + std::to_string(person.key));
    } else if (r < 88) {
      std::string keep = "points/" + folder_of(static_cast<int>(pick(3)) + 1) + "/.keep";
      if (c.keeps.erase(keep) == 0)
        c.keeps.insert(keep);
      say(".keep", "toggle " + keep.substr(7));
    } else if (r < 89.5) {
      c.settings.duplicate_process = true;
      say("invalid", "INVALID: a process twice");
    } else if (r < 91) {
      if (paths.empty())
        continue;
      c.points[one_of(paths)].process = "ghost";
      say("invalid", "INVALID: a point of an unknown process");
    } else if (r < 92.5) {
      c.malformed = chance(0.5) ? 1 : 2;
      say("malformed", "MALFORMED " + std::to_string(c.malformed));
    } else if (r < 97) {
      // A revert: the content of an earlier commit, most often an approved version's.
      if (history_.commits.empty())
        continue;
      std::vector<std::size_t> older;
      const auto& ancestors = model_.state(head).ancestors;
      for (std::size_t v = 0; v < model_.versions().size(); ++v) {
        for (std::size_t at : model_.versions()[v].completions) {
          if (ancestors.count(at) != 0) {
            older.push_back(at);
            break;
          }
        }
      }
      if (older.empty() || chance(0.3)) {
        for (std::size_t a : ancestors) {
          if (history_.commits[a].content)
            older.push_back(a);
        }
      }
      if (older.empty())
        continue;
      std::size_t from = one_of(older);
      c = *history_.commits[from].content;
      say("revert", "revert");
    } else {
      // Squash-like: the content of an approved version anywhere, without its approvals.
      if (model_.versions().empty())
        continue;
      std::size_t v = pick(model_.versions().size());
      c = model_.versions()[v].content;
      say("squash-like", "squash-like: an approved content");
    }
  }
  normalize(c);
  return c;
}

void Generator::edit(Branch& branch) {
  const Commit& head = history_.commits[branch.head];
  Commit c;
  c.parents = {branch.head};
  c.readme = head.readme + (chance(0.1) ? 1 : 0);
  std::string note;
  c.content = mutate(head.content ? *head.content : initial_content(), branch.head, note);
  c.note = "edit " + branch.name + ": " + note;
  branch.head = add(std::move(c));
}

// ---- Approvals ---------------------------------------------------------------------------------

void Generator::approve(Branch& branch) {
  std::size_t at = branch.head;
  const Commit& head = history_.commits[at];
  if (!head.content)
    return;
  if ((head.content->malformed != 0 || !valid(*head.content)) && chance(0.85)) {
    edit(branch);  // mostly mended before anyone approves
    return;
  }
  const CommitState& st = model_.state(at);
  std::vector<std::optional<std::size_t>> legs;
  for (std::size_t t : st.tips) {
    if (!(model_.versions()[t].content == *head.content))
      legs.push_back(t);
  }
  if (st.tips.empty())
    legs.push_back(std::nullopt);
  if (legs.empty()) {
    // Approved already: now and then an approval that cannot count.
    if (!chance(0.15))
      return;
    legs.push_back(st.tips.front());
    count("approve: already approved");
  }
  if (legs.size() > 1)
    count("approve: several legs");
  if (legs.size() > 1 && chance(0.2))
    legs.resize(1);
  Branch* target = &branch;
  if (chance(0.1)) {
    branches_.push_back({"approvals" + std::to_string(++branch_count_), at});
    target = &branches_.back();
    count("approve: on a branch of their own");
  }
  std::string summary;
  for (const auto& leg : legs)
    approve_leg(*target, leg, at, summary);
}

void Generator::approve_leg(Branch& branch, std::optional<std::size_t> tip, std::size_t at,
                            std::string& summary) {
  const Content x = *history_.commits[at].content;
  // Copies: the model's versions grow while approvals are added.
  const std::optional<Content> base =
      tip ? std::optional<Content>(model_.versions()[*tip].content) : std::nullopt;
  const Roster roster = base ? base->roster : x.roster;
  const auto need = Evaluator::needed(base ? &*base : nullptr, x);
  // Mostly what is still missing, as status lists it; now and then everything again.
  auto wanted = chance(0.75) ? model_.missing(at, tip) : need;
  if (wanted.empty())
    wanted = need;
  std::map<std::string, std::vector<std::string>> by_person;
  for (const auto& [role, who] : wanted) {
    if (who.empty())
      continue;
    // A role of several holders: now and then whoever stands in approves it.
    auto deputies = roster.deputies.find(role);
    if (deputies != roster.deputies.end() && !deputies->second.empty() && chance(0.5)) {
      by_person[one_of(deputies->second)].push_back(role);
      count("approve: by a deputy");
    } else {
      by_person[who].push_back(role);
    }
  }
  if (by_person.empty()) {
    // Nothing to approve (identical): claim client-centricity anyway.
    by_person[roster.client_centricity].push_back("client_centricity");
  }

  Approval::Base base_kind = tip ? Approval::Base::commit : Approval::Base::none;
  std::size_t base_commit = tip ? model_.node(*tip, at) : 0;
  if (tip && chance(0.15)) {
    // A later commit approved at the tip's content.
    std::vector<std::size_t> later;
    for (std::size_t a : model_.state(at).ancestors) {
      const auto& s = model_.state(a);
      if (s.approved && std::find(s.tips.begin(), s.tips.end(), *tip) != s.tips.end())
        later.push_back(a);
    }
    if (!later.empty())
      base_commit = one_of(later);
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> order(by_person.begin(),
                                                                      by_person.end());
  std::shuffle(order.begin(), order.end(), random_);
  for (const auto& [person, roles] : order) {
    if (chance(faults_ ? 0.05 : 0.0)) {
      count("approval: a holder left out");
      continue;  // this one has not approved yet
    }
    Approval a;
    a.base = base_kind;
    a.base_commit = base_commit;
    a.approver = person;
    a.roles = roles;
    const Person* who = roster.find(person);
    a.key = who != nullptr ? who->key : 0;
    std::string note = "approve " + branch.name + (tip ? "" : " the first version") + ": " + person;
    int readme = history_.commits[branch.head].readme;
    if (chance(faults_ ? 0.1 : 0.0)) {
      const double r = std::uniform_real_distribution<double>(0, 100)(random_);
      if (r < 20) {
        // A wrong base: none, no commit, an older version or any ancestor.
        const double w = std::uniform_real_distribution<double>(0, 4)(random_);
        if (w < 1 && tip) {
          a.base = Approval::Base::none;
        } else if (w < 1.5) {
          a.base = Approval::Base::unknown;
        } else {
          a.base = Approval::Base::commit;
          std::vector<std::size_t> ancestors(model_.state(at).ancestors.begin(),
                                             model_.state(at).ancestors.end());
          a.base_commit = one_of(ancestors);
          if (w < 3 && tip && !model_.versions()[*tip].bases.empty()) {
            std::size_t older = *model_.versions()[*tip].bases.begin();
            a.base_commit = model_.node(older, at);
          }
        }
        note += " WRONG BASE";
        count("approval: wrong base");
      } else if (r < 35) {
        // A role held by someone else.
        std::vector<std::string> others;
        for (const auto& [role, holder] : need) {
          if (holder != person)
            others.push_back(role);
        }
        if (others.empty())
          others.push_back("process_owner p1");
        a.roles.push_back(one_of(others));
        note += " ROLE NOT HELD";
        count("approval: role not held");
      } else if (r < 50) {
        // A role not needed.
        std::vector<std::string> spare;
        for (const auto& [p, owner] : roster.owners) {
          if (need.count("process_owner " + p) == 0)
            spare.push_back("process_owner " + p);
        }
        for (const auto& [d, curator] : roster.curators) {
          if (need.count("direction_curator " + d) == 0)
            spare.push_back("direction_curator " + d);
        }
        if (spare.empty())
          spare.push_back("process_owner p99");
        a.roles.push_back(one_of(spare));
        note += " ROLE NOT NEEDED";
        count("approval: role not needed");
      } else if (r < 60) {
        a.key = kOutsider;
        note += " OUTSIDER KEY";
        count("approval: a stranger's key");
      } else if (r < 70) {
        a.key = (a.key + 1 + static_cast<int>(pick(5))) % 6;
        note += " ANOTHER'S KEY";
        count("approval: another person's key");
      } else if (r < 78) {
        // The key the person holds in the change's own roster (after a key change).
        const Person* now = x.roster.find(person);
        if (now != nullptr)
          a.key = now->key;
        note += " KEY OF THE NEW ROSTER";
        count("approval: the key of the change's roster");
      } else if (r < 85) {
        a.bad_signature = true;
        note += " BAD SIGNATURE";
        count("approval: bad signature");
      } else if (r < 93) {
        std::vector<std::size_t> others;
        for (std::size_t c : model_.state(at).ancestors) {
          if (history_.commits[c].content && !(*history_.commits[c].content == x))
            others.push_back(c);
        }
        if (!others.empty())
          a.claims_content_of = one_of(others);
        note += " OTHER CONTENT";
        count("approval: another content");
      } else {
        ++readme;
        note += " NOT EMPTY";
        count("approval: not empty");
      }
    }
    const int copies = chance(0.05) ? 2 : 1;
    const bool split = a.roles.size() > 1 && chance(0.15);
    count("approval: by a holder");
    if (copies == 2)
      count("approval: given twice");
    if (split)
      count("approval: roles split in two commits");
    if (a.base == Approval::Base::commit && tip && a.base_commit != model_.node(*tip, at))
      count("approval: base a later commit (or wrong)");
    for (int copy = 0; copy < copies; ++copy) {
      std::vector<std::vector<std::string>> parts{a.roles};
      if (split) {
        auto half = static_cast<std::ptrdiff_t>(a.roles.size() / 2);
        parts = {std::vector<std::string>(a.roles.begin(), a.roles.begin() + half),
                 std::vector<std::string>(a.roles.begin() + half, a.roles.end())};
      }
      for (const auto& part : parts) {
        Commit c;
        c.parents = {branch.head};
        c.content = history_.commits[branch.head].content;
        c.readme = readme;
        c.approval = a;
        c.approval->roles = part;
        c.note = note;
        for (const auto& role : part)
          c.note += " [" + role + "]";
        branch.head = add(std::move(c));
      }
    }
    summary += person + " ";
  }
}

// ---- Branches and merges -----------------------------------------------------------------------

void Generator::new_branch() {
  const double r = std::uniform_real_distribution<double>(0, 1)(random_);
  std::size_t from = branches_.front().head;
  std::string how = "from main";
  if (r < 0.25 && branches_.size() > 1) {
    from = branches_[1 + pick(branches_.size() - 1)].head;
    how = "stacked";
  } else if (r < 0.4) {
    // An older commit, mostly one that was approved.
    std::vector<std::size_t> older, approved;
    for (std::size_t c : model_.state(from).ancestors) {
      older.push_back(c);
      if (model_.state(c).approved)
        approved.push_back(c);
    }
    from = !approved.empty() && chance(0.8) ? one_of(approved) : one_of(older);
    how = "from an older commit";
  }
  branches_.push_back({"pr" + std::to_string(++branch_count_) + "(" + how + ")", from});
  count("branch: " + how);
  // A pull request: a change or two, approved on its branch.
  if (chance(0.9)) {
    edit(branches_.back());
    if (chance(0.25))
      edit(branches_.back());
    if (chance(0.8)) {
      std::size_t at = branches_.size() - 1;
      approve(branches_[at]);
    }
  }
}

// Two or three pull requests from main's head, approved, merged one after the other: the case of
// rule 5 (the same change on a newer base).
void Generator::siblings() {
  const std::size_t from = branches_.front().head;
  const int n = chance(0.25) ? 3 : 2;
  std::vector<std::size_t> made;
  for (int i = 0; i < n; ++i) {
    branches_.push_back({"pr" + std::to_string(++branch_count_) + "(sibling)", from});
    made.push_back(branches_.size() - 1);
    points_only_ = chance(0.6);
    edit(branches_.back());
    points_only_ = false;
    faults_ = chance(0.4);
    if (chance(0.9))
      approve(branches_.back());
    faults_ = true;
  }
  count("siblings: " + std::to_string(n) + " pull requests");
  for (std::size_t k : made) {
    std::size_t head = branches_[k].head;
    const Commit& main = history_.commits[branches_.front().head];
    std::vector<std::size_t> parents{branches_.front().head, head};
    if (chance(0.5))
      std::swap(parents[0], parents[1]);
    Commit c;
    c.parents = parents;
    c.readme = main.readme;
    c.content = merged({branches_.front().head, head});
    c.note = "merge " + branches_[k].name + " into main, both kept";
    count("merge: both kept");
    branches_.front().head = add(std::move(c));
    if (!model_.state(branches_.front().head).approved && chance(0.5))
      approve(branches_.front());
  }
}

std::size_t Generator::merge_base(std::size_t a, std::size_t b) const {
  const auto& x = model_.state(a).ancestors;
  const auto& y = model_.state(b).ancestors;
  std::size_t best = static_cast<std::size_t>(-1);
  for (std::size_t c : x) {
    if (y.count(c) != 0 && (best == static_cast<std::size_t>(-1) || c > best))
      best = c;
  }
  return best;
}

Content Generator::merged(const std::vector<std::size_t>& heads) {
  std::optional<Content> ours = history_.commits[heads[0]].content;
  for (std::size_t i = 1; i < heads.size(); ++i) {
    const auto& theirs = history_.commits[heads[i]].content;
    if (!theirs)
      continue;
    if (!ours) {
      ours = theirs;
      continue;
    }
    std::size_t mb = merge_base(heads[0], heads[i]);
    std::optional<Content> base;
    if (mb != static_cast<std::size_t>(-1))
      base = history_.commits[mb].content;
    Content m;
    auto opt = [&](auto member) {
      using T = std::decay_t<decltype((*ours).*member)>;
      std::optional<T> b;
      if (base)
        b = (*base).*member;
      return merge3<T>(b, (*ours).*member, (*theirs).*member);
    };
    m.settings = opt(&Content::settings);
    m.roster = opt(&Content::roster);
    m.malformed = opt(&Content::malformed);
    m.points = merge_maps(base ? &base->points : nullptr, ours->points, theirs->points);
    std::map<std::string, bool> keeps_base, keeps_ours, keeps_theirs;
    if (base) {
      for (const auto& k : base->keeps)
        keeps_base[k] = true;
    }
    for (const auto& k : ours->keeps)
      keeps_ours[k] = true;
    for (const auto& k : theirs->keeps)
      keeps_theirs[k] = true;
    for (const auto& [k, v] : merge_maps(base ? &keeps_base : nullptr, keeps_ours, keeps_theirs))
      m.keeps.insert(k);
    ours = m;
  }
  Content result = ours ? *ours : initial_content();
  normalize(result);
  return result;
}

void Generator::merge() {
  if (branches_.size() < 2)
    return;
  std::size_t a = chance(0.8) ? 0 : pick(branches_.size());
  std::vector<std::size_t> sources;
  for (std::size_t b = 0; b < branches_.size(); ++b) {
    if (b != a && model_.state(branches_[a].head).ancestors.count(branches_[b].head) == 0)
      sources.push_back(b);
  }
  if (sources.empty())
    return;
  std::vector<std::size_t> approved;
  for (std::size_t k : sources) {
    if (model_.state(branches_[k].head).approved)
      approved.push_back(k);
  }
  std::size_t b = !approved.empty() && chance(0.85) ? one_of(approved) : one_of(sources);
  std::vector<std::size_t> heads{branches_[a].head, branches_[b].head};
  std::string note = "merge " + branches_[b].name + " into " + branches_[a].name;
  if (chance(0.15)) {
    for (std::size_t k = 0; k < branches_.size(); ++k) {
      std::size_t h = branches_[k].head;
      if (std::find(heads.begin(), heads.end(), h) != heads.end())
        continue;
      bool independent = true;
      for (std::size_t x : heads) {
        independent = independent && model_.state(x).ancestors.count(h) == 0 &&
                      model_.state(h).ancestors.count(x) == 0;
      }
      if (independent) {
        heads.push_back(h);
        note += " and " + branches_[k].name + " (octopus)";
        count("merge: octopus");
        break;
      }
    }
  }
  std::vector<std::size_t> parents = heads;
  if (chance(0.5))
    std::shuffle(parents.begin(), parents.end(), random_);
  if (parents != heads)
    count("merge: parents swapped");
  Commit c;
  c.parents = parents;
  c.readme = history_.commits[parents[0]].readme;
  const double r = std::uniform_real_distribution<double>(0, 1)(random_);
  if (r < 0.65) {
    c.content = merged(heads);
    note += ", both kept";
    count("merge: both kept");
  } else if (r < 0.75) {
    c.content = history_.commits[parents[0]].content;
    note += ", the first parent's content only";
    count("merge: one side only");
  } else if (r < 0.85) {
    std::size_t k = 1 + pick(parents.size() - 1);
    c.content = history_.commits[parents[k]].content;
    note += ", parent " + std::to_string(k + 1) + "'s content only";
    count("merge: one side only");
  } else {
    std::string extra;
    c.content = mutate(merged(heads), parents[0], extra);
    note += ", both kept and edited: " + extra;
    count("merge: both kept and edited");
  }
  c.note = note;
  branches_[a].head = add(std::move(c));
  // A merge that needs approving is mostly approved at once, as a forge's checks would demand.
  if (!model_.state(branches_[a].head).approved && chance(0.6))
    approve(branches_[a]);
  if (b != 0 && chance(0.5))
    branches_.erase(branches_.begin() + static_cast<std::ptrdiff_t>(b));
}

void Generator::fast_forward() {
  std::vector<std::pair<std::size_t, std::size_t>> moves;
  for (std::size_t a = 0; a < branches_.size(); ++a) {
    for (std::size_t b = 0; b < branches_.size(); ++b) {
      std::size_t x = branches_[a].head, y = branches_[b].head;
      if (x != y && model_.state(y).ancestors.count(x) != 0)
        moves.emplace_back(a, b);
    }
  }
  if (moves.empty())
    return;
  auto [a, b] = one_of(moves);
  branches_[a].head = branches_[b].head;
  count("fast-forward");
}

}  // namespace perechen::model
