#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs one of them.
#
#   Fuzz/fuzz.sh matcher [SECONDS] [LIBFUZZER FLAGS...]     # default 600 seconds
#   Fuzz/fuzz.sh knowledge [SECONDS] [LIBFUZZER FLAGS...]
#
# The corpus grows in Fuzz/.build-fuzz/corpus/TARGET (seeded from Tests/Fixtures and
# Knowledge/); a crash is written to Fuzz/.build-fuzz/artifacts/ and libFuzzer prints how to
# replay it: Fuzz/.build-fuzz/release/FuzzMatcher FILE. Run one target at a time on a small
# machine: each wants a core and up to 2 GB. The build is optimised (three times the
# executions of a debug build; Swift keeps its bounds and overflow checks, and CoachKit has no
# assert); FUZZ_CONFIGURATION=debug builds without optimisation.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz")"
target="${1:-}"
seconds="${2:-600}"
shift $(( $# < 2 ? $# : 2 ))
case "$target" in
  matcher) product=FuzzMatcher ;;
  knowledge) product=FuzzKnowledge ;;
  *) echo "usage: Fuzz/fuzz.sh matcher|knowledge [SECONDS] [LIBFUZZER FLAGS...]" >&2; exit 64 ;;
esac
scratch="$fuzz/.build-fuzz"
configuration="${FUZZ_CONFIGURATION:-release}"

# -sanitize=fuzzer cannot be given to the whole build (see Package.swift): the address
# sanitizer and libFuzzer's coverage can, and the targets link the fuzzer runtime themselves.
swift build --package-path "$fuzz" --scratch-path "$scratch" -c "$configuration" --product "$product" \
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table

corpus="$scratch/corpus/$target"
seeds="$scratch/seeds/$target"
mkdir -p "$corpus" "$seeds" "$scratch/artifacts"
if [ -z "$(ls -A "$seeds")" ]; then
  if [ "$target" = matcher ]; then
    # one seed per labelled sentence, and the slash commands and follow-ups
    n=0
    sed -n 's/^{"text": *"\(\([^"\\]\|\\.\)*\)".*/\1/p' "$root"/Tests/Fixtures/*.jsonl | while IFS= read -r line; do
      n=$((n + 1)); printf '%s\n' "$line" > "$seeds/sentence-$n"
    done
    printf 'she shrugs and says nothing\nwhat next\nwhy\n/next\n/back\n/more\n2\n/stage case\n/show no-response\n/why\n/reset\n/quit\n' > "$seeds/consult"
    printf '"""\nshe said:\n"you don'"'"'t even have kids"\n"""\n/help\n/topics\n' > "$seeds/block"
  else
    # each knowledge file renamed to the id the target parses it as
    for file in "$root"/Knowledge/*.md; do
      sed 's/^id: .*/id: fuzz/' "$file" > "$seeds/$(basename "$file")"
    done
    cp "$root"/Knowledge/*.txt "$seeds/"
  fi
fi

cd "$scratch"
exec "$scratch/$configuration/$product" "$corpus" "$seeds" -dict="$fuzz/$target.dict" \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$scratch/artifacts/$target-" \
  -print_final_stats=1 "$@"
