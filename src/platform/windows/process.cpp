// SPDX-License-Identifier: Apache-2.0
// platform::run on Windows: CreateProcessW with the program found by find_program(), the command
// line quoted by windows_command_line(), the environment and folder as UTF-16, and exactly the
// three pipe handles inherited (a handle list, so children started at the same time by other
// threads never hold each other's pipes open). Anonymous pipes have no overlapped I/O, so the
// input is fed and standard error read by threads of their own while this one reads the output.

#include <algorithm>
#include <cwchar>
#include <cwctype>
#include <map>
#include <optional>
#include <vector>

#include "perechen/i18n.hpp"
#include "perechen/platform/process.hpp"
#include "windows.hpp"

namespace perechen::platform {
namespace {

namespace fs = std::filesystem;
using win::Handle;

std::wstring upper(std::wstring text) {
  for (auto& c : text)
    c = static_cast<wchar_t>(std::towupper(static_cast<wint_t>(c)));
  return text;
}

std::wstring environment_variable(const wchar_t* name) {
  DWORD size = GetEnvironmentVariableW(name, nullptr, 0);
  if (size == 0)
    return {};
  std::wstring value(size, L'\0');
  size = GetEnvironmentVariableW(name, value.data(), size);
  value.resize(size);
  return value;
}

std::vector<std::wstring> split(std::wstring_view list) {
  std::vector<std::wstring> parts;
  while (!list.empty()) {
    auto end = list.find(L';');
    std::wstring part(list.substr(0, end));
    // PATH entries may be quoted, as cmd.exe writes them when they hold a semicolon.
    part.erase(std::remove(part.begin(), part.end(), L'"'), part.end());
    if (!part.empty())
      parts.push_back(part);
    if (end == std::wstring_view::npos)
      break;
    list.remove_prefix(end + 1);
  }
  return parts;
}

std::vector<std::wstring> executable_extensions() {
  std::wstring pathext = environment_variable(L"PATHEXT");
  std::vector<std::wstring> extensions = split(pathext.empty() ? L".COM;.EXE;.BAT;.CMD" : pathext);
  for (auto& extension : extensions)
    extension = upper(extension);
  return extensions;
}

bool is_file(const fs::path& path) {
  DWORD attributes = GetFileAttributesW(path.c_str());
  return attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY) == 0;
}

// `base` itself when its extension is an executable one, else `base` with each such extension.
std::optional<fs::path> with_extension(const fs::path& base,
                                       const std::vector<std::wstring>& extensions) {
  std::wstring extension = upper(base.extension().wstring());
  if (!extension.empty() &&
      std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
    return is_file(base) ? std::optional<fs::path>(base) : std::nullopt;
  }
  for (const auto& candidate_extension : extensions) {
    fs::path candidate = base;
    candidate += candidate_extension;
    if (is_file(candidate))
      return candidate;
  }
  return std::nullopt;
}

// The environment block CreateProcessW takes: the caller's variables with `extra` laid over them
// (names compare without case, as Windows compares them), sorted, each "NAME=value\0", and a
// final "\0".
std::wstring environment_block(const std::map<std::string, std::string>& extra) {
  struct NoCase {
    bool operator()(const std::wstring& a, const std::wstring& b) const {
      return upper(a) < upper(b);
    }
  };
  std::map<std::wstring, std::wstring, NoCase> merged;
  wchar_t* strings = GetEnvironmentStringsW();
  for (const wchar_t* entry = strings; entry != nullptr && *entry != L'\0';
       entry += std::wcslen(entry) + 1) {
    std::wstring_view text(entry);
    // Names start after the first character: "=C:=C:\work" is the current folder of drive C.
    auto eq = text.find(L'=', 1);
    if (eq == std::wstring_view::npos)
      continue;
    merged.emplace(std::wstring(text.substr(0, eq)), std::wstring(text.substr(eq + 1)));
  }
  if (strings != nullptr)
    FreeEnvironmentStringsW(strings);
  for (const auto& [key, value] : extra)
    merged[win::to_wide(key)] = win::to_wide(value);
  std::wstring block;
  for (const auto& [key, value] : merged) {
    block += key;
    block += L'=';
    block += value;
    block += L'\0';
  }
  block += L'\0';
  return block;
}

struct Pipe {
  Handle read;
  Handle write;
};

// A pipe whose `child_end` ("read" or "write") is inheritable and whose other end is not.
Pipe make_pipe(bool child_reads) {
  SECURITY_ATTRIBUTES inherit{sizeof(SECURITY_ATTRIBUTES), nullptr, TRUE};
  HANDLE read = nullptr;
  HANDLE write = nullptr;
  if (CreatePipe(&read, &write, &inherit, 0) == 0) {
    throw Error(ExitCode::failure,
                tr("process.no-pipe", fmt::arg("reason", win::system_message(GetLastError()))));
  }
  Pipe pipe{Handle(read), Handle(write)};
  HANDLE ours = child_reads ? pipe.write.get() : pipe.read.get();
  SetHandleInformation(ours, HANDLE_FLAG_INHERIT, 0);
  return pipe;
}

// What a thread reads from a pipe until it closes, or writes to one.
struct Transfer {
  HANDLE pipe = nullptr;
  std::string data;
};

DWORD WINAPI read_all(LPVOID argument) {
  auto* transfer = static_cast<Transfer*>(argument);
  char buffer[65536];
  while (true) {
    DWORD got = 0;
    if (ReadFile(transfer->pipe, buffer, sizeof buffer, &got, nullptr) == 0 || got == 0)
      return 0;  // ERROR_BROKEN_PIPE: the child and everyone it passed the pipe to are done
    transfer->data.append(buffer, got);
  }
}

DWORD WINAPI write_all(LPVOID argument) {
  auto* transfer = static_cast<Transfer*>(argument);
  std::size_t done = 0;
  while (done < transfer->data.size()) {
    DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(transfer->data.size() - done, 1 << 20));
    DWORD put = 0;
    // A child that stopped reading (ERROR_NO_DATA, ERROR_BROKEN_PIPE) drops the rest.
    if (WriteFile(transfer->pipe, transfer->data.data() + done, chunk, &put, nullptr) == 0)
      break;
    done += put;
  }
  CloseHandle(transfer->pipe);
  transfer->pipe = nullptr;
  return 0;
}

// A thread that moves one pipe's bytes; joined (or, past a timeout, cancelled) by its owner.
class Worker {
 public:
  Worker(LPTHREAD_START_ROUTINE routine, Transfer& transfer)
      : thread_(CreateThread(nullptr, 0, routine, &transfer, 0, nullptr)) {
    if (!thread_.valid()) {
      throw Error(ExitCode::failure,
                  tr("process.no-pipe", fmt::arg("reason", win::system_message(GetLastError()))));
    }
  }
  ~Worker() { join(INFINITE); }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Waits up to `ms`; a thread still blocked in ReadFile then (a grandchild holds the pipe) has
  // its read cancelled.
  void join(DWORD ms) {
    if (!thread_.valid())
      return;
    if (WaitForSingleObject(thread_.get(), ms) == WAIT_TIMEOUT) {
      CancelSynchronousIo(thread_.get());
      WaitForSingleObject(thread_.get(), INFINITE);
    }
    thread_.reset();
  }

 private:
  Handle thread_;
};

// STARTUPINFOEXW with a handle list of exactly the child's standard handles.
class StartupInfo {
 public:
  StartupInfo(HANDLE in, HANDLE out, HANDLE err, const std::string& program) {
    handles_[0] = in;
    handles_[1] = out;
    handles_[2] = err;
    SIZE_T size = 0;
    InitializeProcThreadAttributeList(nullptr, 1, 0, &size);
    storage_.resize(size);
    info_.lpAttributeList = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(storage_.data());
    if (InitializeProcThreadAttributeList(info_.lpAttributeList, 1, 0, &size) == 0)
      throw SpawnError(program, false, win::system_message(GetLastError()));
    initialized_ = true;
    if (UpdateProcThreadAttribute(info_.lpAttributeList, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST,
                                  handles_, sizeof handles_, nullptr, nullptr) == 0) {
      throw SpawnError(program, false, win::system_message(GetLastError()));
    }
    info_.StartupInfo.cb = sizeof(info_);
    info_.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
    info_.StartupInfo.hStdInput = in;
    info_.StartupInfo.hStdOutput = out;
    info_.StartupInfo.hStdError = err;
  }
  ~StartupInfo() {
    if (initialized_)
      DeleteProcThreadAttributeList(info_.lpAttributeList);
  }
  StartupInfo(const StartupInfo&) = delete;
  StartupInfo& operator=(const StartupInfo&) = delete;
  STARTUPINFOW* get() { return &info_.StartupInfo; }

 private:
  STARTUPINFOEXW info_{};
  std::vector<unsigned char> storage_;
  HANDLE handles_[3]{};
  bool initialized_ = false;
};

}  // namespace

std::optional<fs::path> find_program(std::string_view name) {
  if (name.empty())
    return std::nullopt;
  std::vector<std::wstring> extensions = executable_extensions();
  fs::path program(win::to_wide(name));
  if (name.find_first_of("/\\:") != std::string_view::npos)
    return with_extension(program, extensions);
  for (const auto& dir : split(environment_variable(L"PATH"))) {
    if (auto found = with_extension(fs::path(dir) / program, extensions))
      return found;
  }
  // Windows 10 and 11 ship OpenSSH (ssh-keygen.exe, ssh-add.exe) here; a PATH changed by hand or
  // an installer may have lost the folder.
  std::wstring root = environment_variable(L"SystemRoot");
  if (!root.empty()) {
    if (auto found =
            with_extension(fs::path(root) / L"System32" / L"OpenSSH" / program, extensions)) {
      return found;
    }
  }
  return std::nullopt;
}

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
  if (argv.empty())
    throw Error(ExitCode::failure, "platform::run: empty argv");
  const std::string& program = argv.front();
  std::optional<fs::path> executable = find_program(program);
  if (!executable)
    throw SpawnError(program, true, {});
  std::wstring command_line;
  std::wstring extension = upper(executable->extension().wstring());
  if (extension == L".BAT" || extension == L".CMD") {
    // cmd.exe runs a batch file, splitting and expanding its arguments by rules of its own, so a
    // batch file is never given arguments. Run with none (a --signer wrapper, docs/approvals.md),
    // it has nothing to split: `cmd.exe /d /v:off /s /c ""FILE""`, where /s takes off the outer
    // quotes and the inner ones hold the path whole; a '%' in the path, which cmd would expand,
    // is refused.
    std::wstring file = executable->wstring();
    if (argv.size() > 1 || file.find(L'%') != std::wstring::npos)
      throw SpawnError(program, false, tr("process.batch-file"));
    std::wstring shell = environment_variable(L"ComSpec");
    if (shell.empty())
      shell = environment_variable(L"SystemRoot") + L"\\System32\\cmd.exe";
    executable = fs::path(shell);
    command_line = L"cmd.exe /d /v:off /s /c \"\"" + file + L"\"\"";
  } else {
    command_line = win::to_wide(windows_command_line(argv));
  }
  std::wstring environment;
  if (!options.env.empty())
    environment = environment_block(options.env);
  std::wstring cwd = options.cwd.empty() ? std::wstring() : options.cwd.wstring();

  Pipe in = make_pipe(true);
  Pipe out = make_pipe(false);
  Pipe err = make_pipe(false);
  Handle inherited_stderr;
  HANDLE child_err = err.write.get();
  if (options.inherit_stderr) {
    HANDLE ours = GetStdHandle(STD_ERROR_HANDLE);
    HANDLE copy = nullptr;
    if (ours != nullptr && ours != INVALID_HANDLE_VALUE &&
        DuplicateHandle(GetCurrentProcess(), ours, GetCurrentProcess(), &copy, 0, TRUE,
                        DUPLICATE_SAME_ACCESS) != 0) {
      inherited_stderr = Handle(copy);
      child_err = copy;
    }
  }

  PROCESS_INFORMATION process{};
  {
    StartupInfo startup(in.read.get(), out.write.get(), child_err, program);
    DWORD flags = EXTENDED_STARTUPINFO_PRESENT | CREATE_UNICODE_ENVIRONMENT;
    if (CreateProcessW(executable->c_str(), command_line.data(), nullptr, nullptr, TRUE, flags,
                       environment.empty() ? nullptr : environment.data(),
                       cwd.empty() ? nullptr : cwd.c_str(), startup.get(), &process) == 0) {
      DWORD code = GetLastError();
      throw SpawnError(program, code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND,
                       win::system_message(code));
    }
  }
  Handle process_handle(process.hProcess);
  Handle thread_handle(process.hThread);
  // Only the child holds its ends now, so the pipes close when it (and its children) are done.
  const bool capture_err = child_err == err.write.get();
  in.read.reset();
  out.write.reset();
  err.write.reset();
  inherited_stderr.reset();

  RunResult result;
  Transfer input{nullptr, options.input};
  Transfer output{out.read.get(), {}};
  Transfer error{err.read.get(), {}};
  {
    std::optional<Worker> feeder;
    if (options.input.empty()) {
      in.write.reset();
    } else {
      input.pipe = in.write.release();  // write_all closes it when done
      feeder.emplace(write_all, input);
    }
    std::optional<Worker> error_reader;
    if (capture_err)
      error_reader.emplace(read_all, error);
    Worker output_reader(read_all, output);

    DWORD limit =
        options.timeout.count() > 0 ? static_cast<DWORD>(options.timeout.count()) : INFINITE;
    if (WaitForSingleObject(process_handle.get(), limit) == WAIT_TIMEOUT) {
      TerminateProcess(process_handle.get(), 1);
      WaitForSingleObject(process_handle.get(), INFINITE);
      result.timed_out = true;
    }
    // Past a timeout nobody is waited for long: a child the program left holding the pipes
    // would keep them open for ever.
    DWORD grace = result.timed_out ? 100 : INFINITE;
    output_reader.join(grace);
    if (error_reader)
      error_reader->join(grace);
    if (feeder)
      feeder->join(grace);
  }
  if (input.pipe != nullptr)
    CloseHandle(input.pipe);  // the feeder was cancelled before it could
  result.out = std::move(output.data);
  result.err = std::move(error.data);
  if (result.timed_out)
    return result;
  DWORD code = 0;
  if (GetExitCodeProcess(process_handle.get(), &code) == 0) {
    throw Error(ExitCode::failure, tr("process.lost", fmt::arg("program", program),
                                      fmt::arg("reason", win::system_message(GetLastError()))));
  }
  result.exit_code = static_cast<int>(code);
  return result;
}

std::filesystem::path own_program() {
  std::wstring name(32768, L'\0');
  DWORD size = GetModuleFileNameW(nullptr, name.data(), static_cast<DWORD>(name.size()));
  if (size == 0 || size >= name.size())
    return {};
  name.resize(size);
  return std::filesystem::path(name);
}

std::string ssh_keygen_install_hint() {
  return tr("process.install-ssh-keygen-windows");
}

}  // namespace perechen::platform
