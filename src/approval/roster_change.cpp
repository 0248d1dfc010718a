// SPDX-License-Identifier: Apache-2.0
#include "perechen/approval/roster_change.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "perechen/cms/cms.hpp"
#include "perechen/i18n.hpp"
#include "perechen/ssh/public_key.hpp"
#include "perechen/text.hpp"

namespace perechen::approval {
namespace {

using Json = nlohmann::ordered_json;

Json entries_json(const std::vector<RosterCertificateEntry>& list) {
  Json out = Json::array();
  for (const auto& e : list) {
    out.push_back(
        Json{{"person", e.person.empty() ? Json(nullptr) : Json(e.person)}, {"text", e.text}});
  }
  return out;
}

RosterPerson person_of(const Person& p) {
  return RosterPerson{p.id.value, p.name.value, p.position.value};
}

RosterKey key_of(const std::string& person, const std::string& line) {
  RosterKey key;
  key.person = person;
  key.line = std::string(text::trim(line));
  if (auto parsed = ssh::parse_public_key(key.line)) {
    key.fingerprint = parsed->fingerprint();
    key.algorithm = std::string(parsed->algorithm());
    key.comment = parsed->comment();
  }
  return key;
}

// A key's identity: its bytes for a valid key (the comment does not count), else its text.
std::string identity_of(const RosterKey& key) {
  return key.fingerprint.empty() ? "line:" + key.line : key.fingerprint;
}

// Every key of a roster as (person, identity) -> key.
std::map<std::pair<std::string, std::string>, RosterKey> keys_of(const Roster* roster) {
  std::map<std::pair<std::string, std::string>, RosterKey> keys;
  if (roster == nullptr)
    return keys;
  for (const auto& p : roster->people) {
    for (const auto& line : p.keys) {
      RosterKey key = key_of(p.id.value, line.value);
      keys.emplace(std::make_pair(p.id.value, identity_of(key)), std::move(key));
    }
  }
  return keys;
}

// Every role of a roster as (role, scope) -> holder, and the initiators and publishers (spec §7),
// in roster order.
struct Holders {
  std::vector<std::pair<std::string, std::string>> order;  // (role, scope)
  std::map<std::pair<std::string, std::string>, std::string> holder;
  std::vector<std::string> initiators;
  std::vector<std::string> publishers;
};

Holders holders_of(const Roster* roster) {
  Holders h;
  if (roster == nullptr)
    return h;
  // A role of several holders reads "sidorov, kozlov": adding or removing a holder moves it.
  auto add = [&](const std::string& role, const std::string& scope, const std::string& person) {
    auto key = std::make_pair(role, scope);
    auto [it, added] = h.holder.emplace(key, person);
    if (added)
      h.order.push_back(key);
    else
      it->second += ", " + person;
  };
  const Roles& roles = roster->roles;
  for (const auto& holder : roles.client_centricity)
    add("client_centricity", "", holder.value);
  for (const auto& [direction, person] : roles.direction_curators)
    add("direction_curator", direction.value, person.value);
  for (const auto& [process, person] : roles.process_owners)
    add("process_owner", process.value, person.value);
  for (const auto& person : roles.initiators)
    h.initiators.push_back(person.value);
  for (const auto& person : roster->publishers)
    h.publishers.push_back(person.value);
  return h;
}

std::string role_text(const RoleMove& move) {
  std::string key = "roster-change.role-" + move.role;
  return tr(key.c_str(), fmt::arg("scope", move.scope));
}

std::string key_text(const RosterKey& key) {
  if (key.fingerprint.empty())
    return tr("roster-change.key-invalid", fmt::arg("line", key.line));
  return key.algorithm + " " + key.fingerprint + (key.comment.empty() ? "" : " " + key.comment);
}

std::string person_text(const RosterPerson& p) {
  std::string text = p.name.empty() ? p.id : p.name + " (" + p.id + ")";
  if (!p.position.empty())
    text += ", " + p.position;
  return text;
}

Json text_or_null(const std::string& value) {
  return value.empty() ? Json(nullptr) : Json(value);
}

Json key_json(const RosterKey& key) {
  return Json{{"person", key.person},
              {"fingerprint", text_or_null(key.fingerprint)},
              {"algorithm", text_or_null(key.algorithm)},
              {"comment", text_or_null(key.comment)},
              {"line", key.line}};
}

Json person_json(const RosterPerson& p) {
  return Json{{"id", p.id}, {"name", p.name}, {"position", p.position}};
}

}  // namespace

bool RosterChange::empty() const {
  return !unreadable_before && !unreadable_after && people_added.empty() &&
         people_removed.empty() && people_edited.empty() && keys_added.empty() &&
         keys_removed.empty() && roles.empty() && certificates_added.empty() &&
         certificates_removed.empty() && trust_added.empty() && trust_removed.empty() &&
         crls_added.empty() && crls_removed.empty();
}

namespace {

// Entries keyed by what they mean (a normalised СНИЛС or fingerprint, a certificate's SHA-256),
// so that reformatting one changes nothing.
using Entries = std::map<std::string, RosterCertificateEntry>;

Entries certificate_entries(const Roster* roster) {
  Entries entries;
  if (roster == nullptr)
    return entries;
  for (const auto& p : roster->people) {
    for (const auto& ref : p.certificates) {
      std::string key, text;
      if (ref.snils.present) {
        key = "snils " + cms::normalize_snils(ref.snils.value).value_or(ref.snils.value);
        text = tr("roster-change.snils", fmt::arg("snils", text::trim(ref.snils.value)));
      } else if (ref.sha256.present) {
        key = "sha256 " + cms::normalize_sha256(ref.sha256.value).value_or(ref.sha256.value);
        text = tr("roster-change.sha256", fmt::arg("sha256", text::trim(ref.sha256.value)));
      } else {
        continue;
      }
      entries.emplace(p.id.value + " " + key, RosterCertificateEntry{p.id.value, text});
    }
  }
  return entries;
}

Entries pem_entries(const Roster* roster, bool trust) {
  Entries entries;
  if (roster == nullptr)
    return entries;
  for (const auto& pem : trust ? roster->trust : roster->crls) {
    std::string text = std::string(text::trim(pem.value));
    if (trust) {
      auto parsed = cms::parse_certificate(pem.value);
      if (parsed.certificate) {
        entries.emplace(parsed.certificate->sha256,
                        RosterCertificateEntry{{},
                                               tr("roster-change.trust-text",
                                                  fmt::arg("subject", parsed.certificate->subject),
                                                  fmt::arg("sha256", parsed.certificate->sha256))});
        continue;
      }
    }
    entries.emplace(text, RosterCertificateEntry{{},
                                                 tr(trust ? "roster-change.trust-unreadable"
                                                          : "roster-change.crl-text",
                                                    fmt::arg("lines", text.size()))});
  }
  return entries;
}

void compare_entries(const Entries& before, const Entries& after,
                     std::vector<RosterCertificateEntry>& added,
                     std::vector<RosterCertificateEntry>& removed) {
  for (const auto& [key, entry] : after) {
    if (before.count(key) == 0)
      added.push_back(entry);
  }
  for (const auto& [key, entry] : before) {
    if (after.count(key) == 0)
      removed.push_back(entry);
  }
}

}  // namespace

RosterChange compare_rosters(const Roster* before, const Roster* after, bool first_version) {
  RosterChange change;
  change.unreadable_before = !first_version && before == nullptr;
  change.unreadable_after = after == nullptr;

  // People, by id.
  std::map<std::string, const Person*> old_people, new_people;
  if (before != nullptr) {
    for (const auto& p : before->people)
      old_people.emplace(p.id.value, &p);
  }
  if (after != nullptr) {
    for (const auto& p : after->people) {
      new_people.emplace(p.id.value, &p);
      auto it = old_people.find(p.id.value);
      if (it == old_people.end()) {
        if (!change.unreadable_before)
          change.people_added.push_back(person_of(p));
        continue;
      }
      const Person& old = *it->second;
      if (old.name.value != p.name.value)
        change.people_edited.push_back({p.id.value, "name", old.name.value, p.name.value});
      if (old.position.value != p.position.value) {
        change.people_edited.push_back(
            {p.id.value, "position", old.position.value, p.position.value});
      }
    }
  }
  if (before != nullptr && !change.unreadable_after) {
    for (const auto& p : before->people) {
      if (new_people.count(p.id.value) == 0)
        change.people_removed.push_back(person_of(p));
    }
  }

  // Keys, by person and key bytes: a key moved to another person is removed from one and added
  // to the other, which is what changes whose approvals it makes.
  if (!change.unreadable_before && !change.unreadable_after) {
    auto old_keys = keys_of(before);
    auto new_keys = keys_of(after);
    for (const auto& [id, key] : new_keys) {
      if (old_keys.count(id) == 0)
        change.keys_added.push_back(key);
    }
    for (const auto& [id, key] : old_keys) {
      if (new_keys.count(id) == 0)
        change.keys_removed.push_back(key);
    }
    compare_entries(certificate_entries(before), certificate_entries(after),
                    change.certificates_added, change.certificates_removed);
    compare_entries(pem_entries(before, true), pem_entries(after, true), change.trust_added,
                    change.trust_removed);
    compare_entries(pem_entries(before, false), pem_entries(after, false), change.crls_added,
                    change.crls_removed);

    // Roles: every (role, scope) whose holder differs, in the order of the new roster, then those
    // only the old one had.
    Holders old_roles = holders_of(before);
    Holders new_roles = holders_of(after);
    auto holder = [](const Holders& h, const std::pair<std::string, std::string>& key) {
      auto it = h.holder.find(key);
      return it == h.holder.end() ? std::string() : it->second;
    };
    for (const auto& key : new_roles.order) {
      std::string from = holder(old_roles, key);
      std::string to = holder(new_roles, key);
      if (from != to)
        change.roles.push_back(RoleMove{key.first, key.second, from, to});
    }
    for (const auto& key : old_roles.order) {
      if (new_roles.holder.count(key) == 0)
        change.roles.push_back(RoleMove{key.first, key.second, holder(old_roles, key), {}});
    }
    // Initiators and publishers are lists: each person who joined or left one.
    auto list_moves = [&](const std::string& role, const std::vector<std::string>& old_list,
                          const std::vector<std::string>& new_list) {
      std::set<std::string> old_set(old_list.begin(), old_list.end());
      std::set<std::string> new_set(new_list.begin(), new_list.end());
      for (const auto& person : new_list) {
        if (old_set.count(person) == 0)
          change.roles.push_back(RoleMove{role, {}, {}, person});
      }
      for (const auto& person : old_list) {
        if (new_set.count(person) == 0)
          change.roles.push_back(RoleMove{role, {}, person, {}});
      }
    };
    list_moves("initiator", old_roles.initiators, new_roles.initiators);
    list_moves("publisher", old_roles.publishers, new_roles.publishers);
  }
  return change;
}

std::vector<std::string> describe_roster_change(const RosterChange& change) {
  std::vector<std::string> lines;
  if (change.unreadable_before)
    lines.push_back(tr("roster-change.unreadable-before"));
  if (change.unreadable_after)
    lines.push_back(tr("roster-change.unreadable-after"));
  for (const auto& p : change.people_added)
    lines.push_back("+ " + tr("roster-change.person", fmt::arg("person", person_text(p))));
  for (const auto& p : change.people_removed)
    lines.push_back("- " + tr("roster-change.person", fmt::arg("person", person_text(p))));
  for (const auto& e : change.people_edited) {
    std::string key = "roster-change.edited-" + e.field;
    lines.push_back("~ " + tr(key.c_str(), fmt::arg("id", e.id), fmt::arg("before", e.before),
                              fmt::arg("after", e.after)));
  }
  for (const auto& k : change.keys_added) {
    lines.push_back(
        "+ " + tr("roster-change.key", fmt::arg("person", k.person), fmt::arg("key", key_text(k))));
  }
  for (const auto& k : change.keys_removed) {
    lines.push_back(
        "- " + tr("roster-change.key", fmt::arg("person", k.person), fmt::arg("key", key_text(k))));
  }
  for (const auto& [sign, list] :
       {std::pair{"+ ", &change.certificates_added}, {"- ", &change.certificates_removed}}) {
    for (const auto& c : *list) {
      lines.push_back(sign + tr("roster-change.certificate", fmt::arg("person", c.person),
                                fmt::arg("certificate", c.text)));
    }
  }
  for (const auto& [sign, list] : {std::pair{"+ ", &change.trust_added},
                                   {"- ", &change.trust_removed},
                                   {"+ ", &change.crls_added},
                                   {"- ", &change.crls_removed}}) {
    for (const auto& c : *list)
      lines.push_back(sign + c.text);
  }
  const std::string nobody = tr("roster-change.nobody");
  for (const auto& m : change.roles) {
    lines.push_back("~ " + tr("roster-change.role", fmt::arg("role", role_text(m)),
                              fmt::arg("from", m.from.empty() ? nobody : m.from),
                              fmt::arg("to", m.to.empty() ? nobody : m.to)));
  }
  if (lines.empty())
    lines.push_back(tr("roster-change.layout-only"));
  return lines;
}

std::string roster_change_markdown(const RosterChange& change) {
  std::string out;
  for (const auto& line : describe_roster_change(change)) {
    std::string_view rest = line;
    out += "- ";
    if (rest.size() > 2 && (rest[0] == '+' || rest[0] == '-' || rest[0] == '~') && rest[1] == ' ') {
      out += "`" + std::string(1, rest[0]) + "` ";
      rest.remove_prefix(2);
    }
    for (char c : rest) {
      if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos)
        out += '\\';
      out += c;
    }
    out += "\n";
  }
  return out;
}

Json roster_change_json(const RosterChange& change) {
  Json added = Json::array(), removed = Json::array(), edited = Json::array();
  for (const auto& p : change.people_added)
    added.push_back(person_json(p));
  for (const auto& p : change.people_removed)
    removed.push_back(person_json(p));
  for (const auto& e : change.people_edited) {
    edited.push_back(
        Json{{"id", e.id}, {"field", e.field}, {"before", e.before}, {"after", e.after}});
  }
  Json keys_added = Json::array(), keys_removed = Json::array(), roles = Json::array();
  for (const auto& k : change.keys_added)
    keys_added.push_back(key_json(k));
  for (const auto& k : change.keys_removed)
    keys_removed.push_back(key_json(k));
  for (const auto& m : change.roles) {
    roles.push_back(Json{{"role", m.role},
                         {"scope", text_or_null(m.scope)},
                         {"from", text_or_null(m.from)},
                         {"to", text_or_null(m.to)}});
  }
  return Json{{"unreadable_before", change.unreadable_before},
              {"unreadable_after", change.unreadable_after},
              {"people_added", std::move(added)},
              {"people_removed", std::move(removed)},
              {"people_edited", std::move(edited)},
              {"keys_added", std::move(keys_added)},
              {"keys_removed", std::move(keys_removed)},
              {"roles", std::move(roles)},
              {"certificates_added", entries_json(change.certificates_added)},
              {"certificates_removed", entries_json(change.certificates_removed)},
              {"trust_added", entries_json(change.trust_added)},
              {"trust_removed", entries_json(change.trust_removed)},
              {"crls_added", entries_json(change.crls_added)},
              {"crls_removed", entries_json(change.crls_removed)}};
}

}  // namespace perechen::approval
