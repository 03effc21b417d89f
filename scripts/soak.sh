#!/usr/bin/env bash
# Soak: pushes many lines through stdin mode of a release build and reports the peak memory
# (resident set) after 10,000 lines and after all of them, in text and in JSON. Memory should
# be flat: the coach keeps at most the last 1,000 turns for /save and holds no line longer
# than 64 KiB. Exits 1 if the peak grows by more than 16 MiB between the two.
#
#   scripts/soak.sh [LINES]                  # default 1,000,000
#   SCRATCH=.build-me scripts/soak.sh   # build somewhere other than .build
#
# Needs GNU time at /usr/bin/time (Debian and Ubuntu: apt-get install time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lines="${1:-1000000}"
scratch="${SCRATCH:-$root/.build}"
case "$scratch" in /*) ;; *) scratch="$root/$scratch" ;; esac
if [ ! -x /usr/bin/time ]; then
  echo "soak.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 69
fi

swift build --package-path "$root" --scratch-path "$scratch" -c release --product coach >&2
coach="$scratch/release/coach"

# The input: the labelled sentences of Tests/Fixtures (descriptions, questions, risk lines,
# off-topic lines), with a follow-up or a command after every fifth, over and over.
sentences="$(mktemp)"
trap 'rm -f "$sentences" "$sentences.time"' EXIT
sed -n 's/^{"text": *"\(\([^"\\]\|\\.\)*\)".*/\1/p' "$root"/Tests/Fixtures/*.jsonl > "$sentences"
input() {
  awk -v total="$1" '
    { sentence[n++] = $0 }
    END {
      split("what next|why|/next|/why|/more|/stage case|go back|/show", follow, "|")
      for (i = 0; i < total; i++) {
        if (i % 5 == 4) print follow[1 + int(i / 5) % 8]; else print sentence[i % n]
      }
    }' "$sentences"
}

# Runs one soak; prints: lines format seconds lines/s peak-KiB.
soak() {
  local count="$1" format="$2" flags=()
  [ "$format" = json ] && flags=(--json)
  input "$count" | /usr/bin/time -v -o "$sentences.time" "$coach" "${flags[@]}" > /dev/null
  local peak seconds
  peak="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$sentences.time")"
  seconds="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$sentences.time" \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
  echo "$count $format $seconds $(awk -v n="$count" -v s="$seconds" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }') $peak"
}

status=0
printf '%10s  %-5s %9s %10s %14s\n' lines format seconds "lines/s" "peak RSS MiB"
for format in text json; do
  small="$(soak 10000 "$format")"
  large="$(soak "$lines" "$format")"
  for row in "$small" "$large"; do
    read -r count fmt seconds rate peak <<< "$row"
    printf '%10d  %-5s %9.1f %10d %14.1f\n' "$count" "$fmt" "$seconds" "$rate" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')"
  done
  growth=$(( $(echo "$large" | cut -d' ' -f5) - $(echo "$small" | cut -d' ' -f5) ))
  if [ "$growth" -gt $((16 * 1024)) ]; then
    echo "soak.sh: $format: peak memory grew by $((growth / 1024)) MiB from 10,000 to $lines lines" >&2
    status=1
  fi
done
exit "$status"
