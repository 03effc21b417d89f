#!/usr/bin/env bash
# CI: the README's install and uninstall, end to end. Installs into a temporary prefix, runs the
# installed binary from another folder, checks the exit codes, the man page (against the
# binary's own help, so a stale docs/coach.1 fails) and the completions, uninstalls, and checks
# that nothing is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
prefix="$(mktemp -d)"
elsewhere="$(mktemp -d)"
trap 'rm -rf "$prefix" "$elsewhere"' EXIT
fail() { echo "ci-install: $*" >&2; exit 1; }

PREFIX="$prefix" scripts/install.sh
coach="$prefix/bin/coach"
man="$prefix/share/man/man1/coach.1"

cd "$elsewhere"
"$coach" --version | grep -qx "coach [0-9][0-9.]*" || fail "coach --version: $("$coach" --version)"
"$coach" ask "she just shrugs and says nothing" | grep -q "No response" || fail "coach ask gave no answer"
echo "court-ordered, just shrugs" | "$coach" --json | grep -q '"intent":"no-response"' || fail "coach --json gave no answer"
if command -v ldd >/dev/null && ldd "$coach" | grep -q libswiftCore; then fail "the installed binary loads the Swift runtime dynamically"; fi
status=0; "$coach" ask >/dev/null 2>&1 || status=$?
[ "$status" = 64 ] || fail "coach ask with no text exited $status, not 64"
status=0; "$coach" ask --knowledge ./no-such-folder "x" >/dev/null 2>&1 || status=$?
[ "$status" = 66 ] || fail "coach ask --knowledge <missing> exited $status, not 66"
cd - >/dev/null

[ -s "$man" ] && grep -q '^\.Dt COACH 1' "$man" || fail "no man page at $man"
subcommands=$("$coach" --help | awk '/^SUBCOMMANDS:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ -n "$subcommands" ] || fail "coach --help lists no subcommands"
for sub in $subcommands; do
  grep -q "^\.It Em $sub\$" "$man" || fail "docs/coach.1 lacks subcommand '$sub': regenerate it (README, Install)"
  for option in $("$coach" help "$sub" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    grep -qE -- "^\.It Fl (.* )?-${option#--}( |$)" "$man" || fail "docs/coach.1 lacks '$sub $option': regenerate it (README, Install)"
  done
done

for file in share/bash-completion/completions/coach share/zsh/site-functions/_coach \
  share/fish/vendor_completions.d/coach.fish; do
  [ -s "$prefix/$file" ] || fail "no completion script at $prefix/$file"
done
bash -c "source '$prefix/share/bash-completion/completions/coach' && complete -p coach" >/dev/null ||
  fail "the bash completion does not load"

PREFIX="$prefix" scripts/install.sh uninstall
left=$(find "$prefix" -mindepth 1)
[ -z "$left" ] || fail "uninstall left: $left"
echo "ci-install: install, run, man page, completions and uninstall ok in $((SECONDS - start)) s"
