#!/usr/bin/env bash
# Regenerates the C# lexer, parser and visitor from grammar/*.g4 with the
# pinned antlr-ng (see package.json / package-lock.json).
#
#   grammar/generate.sh          regenerate into src/EscalationDsl.Language/Parsing/Generated
#   grammar/generate.sh --check  exit 1 if the committed files differ from a fresh generation
#
# antlr-ng exits 0 even when a grammar has errors (it prints `error(N): ...`),
# so this script captures its output and fails on any error line.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="$root/src/EscalationDsl.Language/Parsing/Generated"
namespace="EscalationDsl.Language.Parsing.Generated"

mode="write"
case "${1:-}" in
  "") ;;
  --check) mode="check" ;;
  -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
  *) echo "generate.sh: unknown argument '$1' (use --check or nothing)" >&2; exit 2 ;;
esac

if [ ! -x "$here/node_modules/.bin/antlr-ng" ]; then
  echo "generate.sh: installing the pinned antlr-ng (npm ci) ..." >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Generate from copies so the output names do not depend on where the clone lives.
cp "$here/EscalationLexer.g4" "$here/EscalationParser.g4" "$work/"
out="$work/out"
log="$work/antlr.log"
(cd "$work" && "$here/node_modules/.bin/antlr-ng" -Dlanguage=CSharp --generate-visitor --generate-listener false \
   -p "$namespace" -o "$out" EscalationLexer.g4 EscalationParser.g4) >"$log" 2>&1 || {
  cat "$log" >&2; echo "generate.sh: antlr-ng failed" >&2; exit 1; }

if grep -qE '^(error|warning)\(' "$log"; then
  cat "$log" >&2
  echo "generate.sh: the grammar has errors or warnings (see above); nothing was written" >&2
  exit 1
fi

# The C# runtime needs only the .cs files.
mkdir -p "$work/cs"
find "$out" -name '*.cs' -exec cp {} "$work/cs/" \;
if [ -z "$(ls -A "$work/cs")" ]; then
  echo "generate.sh: antlr-ng produced no C# files" >&2; exit 1
fi

if [ "$mode" = "check" ]; then
  mkdir -p "$work/committed"
  find "$target" -maxdepth 1 -name '*.cs' -exec cp {} "$work/committed/" \; 2>/dev/null || true
  if diff -r -q "$work/cs" "$work/committed" >/dev/null 2>&1; then
    echo "generate.sh --check: generated parser is up to date"
    exit 0
  fi
  echo "generate.sh --check: src/EscalationDsl.Language/Parsing/Generated is stale; run grammar/generate.sh and commit the result" >&2
  diff -r -q "$work/cs" "$work/committed" >&2 || true
  exit 1
fi

mkdir -p "$target"
find "$target" -maxdepth 1 -name '*.cs' -delete
cp "$work/cs/"*.cs "$target/"
echo "generate.sh: wrote $(ls "$target" | wc -l) files to ${target#"$root"/}"
