// SPDX-License-Identifier: Apache-2.0
#pragma once

// The list in the form of the appendix (spec §6; clauses 2.1, 2.2, 2.6): what every export format
// writes. Built once from a loaded registry and the version it was read at; the writers only lay
// it out, so that all formats show the same rows in the same order with the same numbers.

#include <compare>
#include <cstddef>
#include <string>
#include <vector>

#include "perechen/i18n.hpp"
#include "perechen/registry/registry.hpp"

namespace perechen::exporting {

// A role of clause 3.4 an approver signed for: process_owner, direction_curator or
// client_centricity, with its process or direction (empty for client_centricity).
struct ApprovedRole {
  std::string role;
  std::string scope;
};

// The mark of the signature behind an approval, as the approval sheet shows it in the manner of
// the mark of an electronic signature (ГОСТ Р 7.0.97-2016, п. 5.23): an SSH key's fingerprint, or
// a certificate's serial number, owner, issuer and validity. Filled in one place,
// exporting::signature_mark (content.hpp).
struct SignatureMark {
  enum class Kind { ssh, certificate };
  Kind kind = Kind::ssh;
  std::string fingerprint;  // ssh: "SHA256:…", as ssh-keygen -l prints it
  std::string serial;       // certificate: serial number, hex
  std::string owner;        // certificate: the subject's name
  std::string issuer;
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;
  bool operator==(const SignatureMark&) const = default;
};

// Who approved the version (clause 3.4): from the roster the approval was checked against.
struct Approver {
  std::string person;  // roster id
  std::string name;
  std::string position;
  std::string date;  // YYYY-MM-DD of the approval commit
  std::vector<ApprovedRole> roles;
  std::vector<SignatureMark> marks;  // one per distinct key or certificate that signed
};

// Which version of the registry the document shows.
struct Version {
  std::string revision;     // what was asked: "approved", "head", "worktree" or a git revision
  std::string commit;       // full commit id; empty for the working tree
  std::string commit_date;  // YYYY-MM-DD of that commit; empty for the working tree
  bool approved = false;    // the content is the fully approved one
  std::string approved_on;  // YYYY-MM-DD the content became fully approved; empty if not
  std::string anchor;       // the anchor commit when the version is trusted by pinning; else empty
  std::vector<Approver> approvers;

  // The day that stands for the version in files that carry a date of their own (the creation
  // date of an xlsx): approved_on, else commit_date, else empty. Never the clock.
  const std::string& date() const { return approved_on.empty() ? commit_date : approved_on; }
};

struct Client {
  std::string id;
  std::string title;        // from perechen.yaml
  std::string short_title;  // its short_title; empty when it has none
};

// A satisfied need of clause 2.6 with its number there, and what the point says of it (2.7).
struct NeedItem {
  int number = 0;
  std::string code;
  std::string title;  // the wording of 2.6 in the document's language
  std::string description;
};

// One row of the list: one interaction point.
struct Row {
  int number = 0;    // № п/п, from 1
  std::string file;  // the point file, relative to the registry root
  std::string direction_id;
  std::string direction_title;
  std::string process_id;
  std::string process_title;
  std::string direction_short;  // short_title in perechen.yaml; empty when there is none
  std::string process_short;
  std::string name;
  std::string channel;  // digital | offline
  std::string kind;     // may be empty
  std::string kind_title;
  std::string url;      // digital points
  std::string address;  // offline points
  std::vector<Client> clients;
  bool every_client = false;  // the point serves every client of perechen.yaml (more than one)
  std::string value;
  std::vector<NeedItem> needs;  // in the order of 2.6
};

// A short title the table shows and the full one it stands for (spec §6.1), listed after the
// table; the entries of each group in the order of perechen.yaml.
struct LegendEntry {
  enum class Group { client, direction, process };
  Group group = Group::client;
  std::string short_title;
  std::string title;
};

struct Document {
  Lang lang = Lang::ru;
  std::string title;
  std::string organization;
  Version version;
  std::vector<Row> rows;  // directions and processes in the order of perechen.yaml, then name
  // The short titles the rows use, and the full titles of every client when some row serves them
  // all (its cell says «сотрудники ИОГВ/ОГУ»); empty when the table shows full titles only.
  std::vector<LegendEntry> legend;
  std::vector<std::string> every_client;  // full titles, for the legend of «сотрудники ИОГВ/ОГУ»

  // Content not fully approved: every format that has room says «ПРОЕКТ» (spec §6.1).
  bool draft() const { return !version.approved; }
};

// The document of a loaded registry. Rows follow the order of directions and processes in
// perechen.yaml, then the point's name (compared without case, quotes and the ё/е difference),
// then its file; needs follow their numbers in 2.6; clients the order of perechen.yaml.
// A point of a process perechen.yaml lacks goes last, under its process id (validate reports it).
// Throws perechen::Error(failure) when perechen.yaml could not be read.
Document build_document(const Registry& registry, Version version, Lang lang);

// The row of one point (its number left 0): titles from `config`, needs in the order of 2.6.
Row make_row(const Point& point, const Config& config, Lang lang);

// The place of a row in the list: directions and processes in the order of perechen.yaml (a
// process it lacks goes last), then the point's name without case, quotes and the ё/е difference,
// then the name as written, then the file.
struct RowKey {
  std::size_t direction = 0;
  std::size_t process = 0;
  std::string name;
  std::string written_name;
  std::string file;
  auto operator<=>(const RowKey&) const = default;
};
RowKey row_key(const Row& row, const Config& config);

// For each row, how many rows its direction (by_process false) or process (true) cell spans when
// it is the first row of its group; 0 for a row inside a group. Groups are runs of equal ids.
std::vector<std::size_t> group_spans(const std::vector<Row>& rows, bool by_process);

}  // namespace perechen::exporting
