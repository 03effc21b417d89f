#!/usr/bin/env bash
# Whole-process figures for coach, each beside a Swift "hello world" built with the same flags
# in the same run, so the ratios hold on a noisy machine:
#   - cold start: `coach ask "..."` against `hello` (prints one line);
#   - stdin throughput: 100,000 lines through `coach --json > /dev/null` against `hello --echo`
#     (reads the same lines with readLine() and prints them);
#   - peak RSS of each, from /usr/bin/time -v.
# Prints medians and ratios, and whether each floor of issue 6 is met.
#
# usage: scripts/bench-process.sh [--runs N] [--lines N]
# env:   SCRATCH   scratch path for coach's release build (default .build)
# needs: hyperfine, GNU time (/usr/bin/time), swift
set -euo pipefail
cd "$(dirname "$0")/.."

runs=30
lines=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --lines) lines="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-process.sh: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
done
for tool in hyperfine /usr/bin/time swift; do
  command -v "$tool" >/dev/null || { echo "bench-process.sh: needs $tool (apt-get install hyperfine time)" >&2; exit 69; }
done

flags=(-c release --static-swift-stdlib)
scratch="${SCRATCH:-.build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building coach and hello world: swift build ${flags[*]}" >&2
swift build "${flags[@]}" --scratch-path "$scratch" --product coach >&2
coach="$(swift build "${flags[@]}" --scratch-path "$scratch" --show-bin-path)/coach"

mkdir -p "$work/hello/Sources/hello"
cat >"$work/hello/Package.swift" <<'EOF'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(name: "hello", targets: [.executableTarget(name: "hello")])
EOF
cat >"$work/hello/Sources/hello/main.swift" <<'EOF'
if CommandLine.arguments.dropFirst().first == "--echo" {
  while let line = readLine() { print(line) }
} else {
  print("hello, world")
}
EOF
(cd "$work/hello" && swift build "${flags[@]}" >&2)
# Both binaries are timed as installed: copied, as `scripts/install.sh` copies coach. A file just
# written by the linker sits in the page cache in single pages, so every page of it that a
# start touches faults on its own; a copy (or a file read back from disk) is cached in large
# pieces that one fault maps together. In place, coach started about 0.4 ms slower for that
# alone (2.5 ms against 2.1 ms copied), hello world 0.1 ms.
cp "$coach" "$work/coach"
cp "$work/hello/.build/release/hello" "$work/hello-world"
coach="$work/coach"
hello="$work/hello-world"

# The stdin workload: the labelled sentences of the evaluation set, repeated to $lines lines.
sed -n 's/^{"text": "\(.*\)", "accept".*/\1/p' Tests/Fixtures/labelled.jsonl >"$work/sentences.txt"
awk -v n="$lines" '{ s[NR] = $0 } END { for (i = 0; i < n; i++) print s[i % NR + 1] }' \
  "$work/sentences.txt" >"$work/input.txt"

# median_ms CSV: hyperfine's median column, in milliseconds.
median_ms() { awk -F, 'NR == 2 { printf "%.2f", $4 * 1000 }' "$1"; }
# peak_kib INPUT CMD...: median of $rss_runs peak resident set sizes (KiB), reading INPUT.
rss_runs=5
peak_kib() {
  local input="$1" i
  shift
  for i in $(seq "$rss_runs"); do
    /usr/bin/time -v "$@" <"$input" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { print $2 }'
  done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

ask="she just shrugs and says nothing"
echo "cold start: $runs runs each" >&2
hyperfine -N --style none --warmup 5 --runs "$runs" --export-csv "$work/hello.csv" "$hello" >&2
hyperfine -N --style none --warmup 5 --runs "$runs" --export-csv "$work/ask.csv" "$coach ask '$ask'" >&2
echo "stdin: $lines lines, 5 runs each" >&2
hyperfine --style none --warmup 1 --runs 5 --export-csv "$work/echo.csv" \
  "$hello --echo < $work/input.txt > /dev/null" >&2
hyperfine --style none --warmup 1 --runs 5 --export-csv "$work/json.csv" \
  "$coach --json < $work/input.txt > /dev/null" >&2

hello_ms=$(median_ms "$work/hello.csv")
ask_ms=$(median_ms "$work/ask.csv")
echo_ms=$(median_ms "$work/echo.csv")
json_ms=$(median_ms "$work/json.csv")
hello_rss=$(peak_kib /dev/null "$hello")
ask_rss=$(peak_kib /dev/null "$coach" ask "$ask")
echo_rss=$(peak_kib "$work/input.txt" "$hello" --echo)
json_rss=$(peak_kib "$work/input.txt" "$coach" --json)

awk -v hm="$hello_ms" -v am="$ask_ms" -v em="$echo_ms" -v jm="$json_ms" -v n="$lines" \
  -v hr="$hello_rss" -v ar="$ask_rss" -v er="$echo_rss" -v jr="$json_rss" -v cpus="$(nproc)" '
  function verdict(ok) { return ok ? "ok" : "MISSED" }
  BEGIN {
    printf "\nmedians on %d cores (hello world built with the same flags, same run)\n\n", cpus
    printf "%-34s %12s %12s %8s   %s\n", "", "coach", "hello", "ratio", "floor"
    printf "%-34s %9.2f ms %9.2f ms %7.2fx   <= 1.5x hello: %s\n", "cold start (coach ask)", am, hm, am / hm, verdict(am <= 1.5 * hm)
    printf "%-34s %9.1f MiB %8.1f MiB %7.2fx   <= 25 MiB: %s\n", "peak RSS, cold start", ar / 1024, hr / 1024, ar / hr, verdict(ar <= 25 * 1024)
    lps = n / (jm / 1000); eps = n / (em / 1000)
    printf "%-34s %8.0f l/s %8.0f l/s %7.2fx   >= 50,000 lines/s: %s\n", "stdin " n " lines (--json / echo)", lps, eps, eps / lps, verdict(lps >= 50000)
    printf "%-34s %9.2f s  %9.2f s  %7.2fx\n", "  wall time", jm / 1000, em / 1000, jm / em
    printf "%-34s %9.1f MiB %8.1f MiB %7.2fx   <= 25 MiB: %s\n", "peak RSS, stdin", jr / 1024, er / 1024, jr / er, verdict(jr <= 25 * 1024)
  }'
