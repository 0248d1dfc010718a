// SPDX-License-Identifier: Apache-2.0
// Writes a synthetic, valid registry of N points for the benchmarks:
//   generate_registry DIR N
// 10 directions of 10 processes each; N points spread over the processes, every one with the
// fields a real point has (needs with descriptions, basis, url or address), about 700 bytes each.
// Standard library only, so the benchmark builds it without the project.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

const char* const kKeys[] = {
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFScsv4RjMM+yD1GmYcMFkHgTyA7OQVjkU11LTnyHQC2",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAjTaJ4brAp3Qa/1tCbnBGmZLEMAfKErIiAK0KVKyhQa",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINgcbFbkrAZwZ0kqvI/iAw1UxOc7FQOFLtXrzv5QPPFA",
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: generate_registry DIR N\n";
    return 2;
  }
  fs::path root = argv[1];
  long n = std::stol(argv[2]);
  constexpr int kDirections = 10;
  constexpr int kProcesses = 10;

  std::string config =
      "title: Перечень точек взаимодействия с внутренним клиентом по вопросам ведения "
      "бухгалтерского учета\norganization: Управление финансов (синтетический перечень)\n"
      "institutions:\n  - id: cbu\n    title: ОКУ «Центр бухгалтерского учета»\n"
      "clients:\n  - id: civil-servants\n    title: Государственные гражданские служащие\n"
      "  - id: ogu-staff\n    title: Сотрудники ОГУ\ndirections:\n";
  std::string roster = "people:\n";
  for (int p = 0; p < 3; ++p) {
    roster += "  - id: person" + std::to_string(p) + "\n    name: Сотрудник " + std::to_string(p) +
              "\n    position: Должность\n    keys:\n      - " + kKeys[p] + "\n";
  }
  roster += "roles:\n  client_centricity: person0\n  direction_curators:\n";
  std::string owners = "  process_owners:\n";
  for (int d = 0; d < kDirections; ++d) {
    std::string did = "dir" + std::to_string(d);
    config +=
        "  - id: " + did + "\n    title: Направление " + std::to_string(d) + "\n    processes:\n";
    roster += "    " + did + ": person1\n";
    for (int p = 0; p < kProcesses; ++p) {
      std::string pid = did + "-proc" + std::to_string(p);
      config += "      - id: " + pid + "\n        title: Процесс " + std::to_string(d) + "." +
                std::to_string(p) + "\n";
      owners += "    " + pid + ": person2\n";
    }
  }
  write(root / "perechen.yaml", config);
  write(root / "roster.yaml", roster + owners);

  for (long i = 0; i < n; ++i) {
    int d = static_cast<int>(i % kDirections);
    int p = static_cast<int>((i / kDirections) % kProcesses);
    std::string pid = "dir" + std::to_string(d) + "-proc" + std::to_string(p);
    bool digital = i % 3 != 0;
    std::string text =
        "process: " + pid + "\npoint:\n  name: Точка взаимодействия № " + std::to_string(i) + "\n";
    if (digital) {
      text += "  channel: digital\n  kind: personal_account\n  url: https://lk.example.ru/p/" +
              std::to_string(i) + "\n";
    } else {
      text +=
          "  channel: offline\n  kind: reception\n  address: г. Липецк, ул. Советская, д. 3, "
          "каб. " +
          std::to_string(i) + "\n";
    }
    text +=
        "clients: [civil-servants, ogu-staff]\n"
        "value: Получить результат без лишних визитов и звонков, вовремя и в понятном виде\n"
        "needs:\n  - information\n  - consultation: Разъяснение порядка расчета\n"
        "  - submission\n  - progress: Уведомление о каждом этапе рассмотрения\n"
        "  - result: Документ в день обращения\nbasis:\n  - type: internal_act\n"
        "    title: Приказ ОКУ «ЦБУ» от 10.01.2026 № 5\nprepared_by: cbu\n";
    write(root / "points" / ("dir" + std::to_string(d)) / pid /
              ("point-" + std::to_string(i) + ".yaml"),
          text);
  }
  return 0;
}
