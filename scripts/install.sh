#!/usr/bin/env bash
# Installs coach under a prefix, or removes exactly what an install put there.
#
# usage: scripts/install.sh [--prefix DIR] [--no-build] [install | uninstall | build]
#   install    build a release binary (static Swift standard library), then copy it, the man
#              page and the bash, zsh and fish completions under the prefix (the default)
#   uninstall  remove the files and folders the last install created under the prefix
#   build      only build (then `sudo scripts/install.sh --no-build` copies as root)
# env:   PREFIX   where to install (default /usr/local; --prefix wins)
#        SCRATCH  scratch path of the build (default .build-static)
#
# What goes where:
#   PREFIX/bin/coach
#   PREFIX/share/man/man1/coach.1
#   PREFIX/share/bash-completion/completions/coach
#   PREFIX/share/zsh/site-functions/_coach
#   PREFIX/share/fish/vendor_completions.d/coach.fish
#   PREFIX/share/coach/install-manifest   (what uninstall removes)
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${PREFIX:-/usr/local}"
scratch="${SCRATCH:-.build-static}"
build=yes
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-build) build=no; shift ;;
    install|uninstall|build) action="$1"; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (try --help)" >&2; exit 64 ;;
  esac
done
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
manifest="$prefix/share/coach/install-manifest"
binary="$scratch/release/coach"

# Builds the release binary. SwiftPM does not relink when only --static-swift-stdlib changes,
# so a binary that still loads libswiftCore.so is rebuilt from a fresh build plan.
build_release() {
  local flags=(-c release --static-swift-stdlib --scratch-path "$scratch" --product coach)
  swift build "${flags[@]}"
  if command -v ldd >/dev/null && ldd "$binary" | grep -q libswiftCore; then
    rm -f "$scratch/release.yaml" "$binary"
    swift build "${flags[@]}"
  fi
}

# Creates a folder and its missing parents, recording in $created each one it made.
created=()
make_folder() {
  local missing=() dir="$1"
  while [ ! -d "$dir" ]; do missing=("$dir" ${missing[@]+"${missing[@]}"}); dir="$(dirname "$dir")"; done
  for dir in ${missing[@]+"${missing[@]}"}; do mkdir -m 0755 "$dir" && created+=("$dir"); done
}

install_files() {
  [ -x "$binary" ] || { echo "install.sh: no $binary: run scripts/install.sh build first" >&2; exit 66; }
  if [ -f "$manifest" ]; then
    echo "install.sh: coach is already installed under $prefix; replacing it" >&2
    uninstall_files >/dev/null
  fi
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  "$binary" --generate-completion-script bash >"$work/coach.bash"
  "$binary" --generate-completion-script zsh >"$work/_coach"
  "$binary" --generate-completion-script fish >"$work/coach.fish"

  local files=(
    "$binary|bin/coach|0755"
    "docs/coach.1|share/man/man1/coach.1|0644"
    "$work/coach.bash|share/bash-completion/completions/coach|0644"
    "$work/_coach|share/zsh/site-functions/_coach|0644"
    "$work/coach.fish|share/fish/vendor_completions.d/coach.fish|0644"
  )
  local entry source target mode installed=()
  make_folder "$(dirname "$manifest")"
  for entry in "${files[@]}"; do
    IFS='|' read -r source target mode <<<"$entry"
    make_folder "$prefix/$(dirname "$target")"
    install -m "$mode" "$source" "$prefix/$target"
    installed+=("$prefix/$target")
    echo "installed $prefix/$target"
  done
  {
    echo "# coach $("$binary" --version | awk '{ print $NF }'): files, then folders this install created"
    printf 'file %s\n' "${installed[@]}"
    [ ${#created[@]} -eq 0 ] || printf 'folder %s\n' "${created[@]}"
  } >"$manifest"
  chmod 0644 "$manifest"
  case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on your PATH" ;; esac
}

uninstall_files() {
  if [ ! -f "$manifest" ]; then
    echo "install.sh: nothing to uninstall: no $manifest" >&2
    exit 66
  fi
  local kind path folders=()
  while read -r kind path; do
    case "$kind" in
      file) rm -f "$path" && echo "removed $path" ;;
      folder) folders=("$path" ${folders[@]+"${folders[@]}"}) ;;
    esac
  done <"$manifest"
  rm -f "$manifest"
  for path in ${folders[@]+"${folders[@]}"}; do
    # Deepest first; a folder that now holds something else stays.
    rmdir "$path" 2>/dev/null && echo "removed $path/" || true
  done
}

case "$action" in
  build) build_release ;;
  install)
    [ "$build" = no ] || build_release
    install_files
    ;;
  uninstall) uninstall_files ;;
esac
