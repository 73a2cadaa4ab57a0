#!/usr/bin/env bash
# Validates SARIF written by `esc lint --format sarif` with the SARIF Multitool (the validator
# GitHub points to for code scanning), including its GitHub ingestion rules.
#
#   tests/sarif-validate.sh                 # lint tests/Baselines/Lint and policies/, validate that
#   tests/sarif-validate.sh FILE.sarif ...  # validate the given files
#
# The multitool is installed with npm into a temporary folder (nothing is added to the repository).
# It exits with 0 even when a file is invalid, so this script reads the results it writes and
# fails on any result of level error. Warnings are printed; STRICT=1 fails on them too.
# Exit: 0 valid, 1 invalid, 2 the tool could not be installed or run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== installing @microsoft/sarif-multitool@$version"
if ! (cd "$work" && npm install --no-save --no-audit --no-fund --silent "@microsoft/sarif-multitool@$version" >/dev/null); then
  echo "sarif-validate: npm could not install @microsoft/sarif-multitool@$version" >&2
  exit 2
fi
# Run the platform binary itself: the npm wrapper passes arguments through a shell, which splits
# "Sarif;Gh" at the semicolon. npm may skip the package's postinstall, which only makes it executable.
tool="$(ls "$work"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool 2>/dev/null | head -n 1)"
if [ -z "$tool" ]; then
  echo "sarif-validate: no Sarif.Multitool binary for this platform in the npm package" >&2
  exit 2
fi
chmod u+x "$tool"

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  echo "== esc lint --format sarif"
  # Exit 1 only means findings; 2 is a real failure.
  dotnet run --project src/EscalationDsl.Cli -- lint tests/Baselines/Lint/policy.esc policies/ \
    --format sarif --output "$work/lint.sarif" --help-uri-base "https://example.invalid/escalationdsl/"
  if [ $? -eq 2 ]; then
    echo "sarif-validate: esc lint failed" >&2
    exit 2
  fi
  # And once without --help-uri-base (no helpUri, no informationUri).
  dotnet run --project src/EscalationDsl.Cli -- lint tests/Baselines/Lint/policy.esc policies/ \
    --format sarif --output "$work/lint-no-base.sarif" 2>/dev/null
  files=("$work/lint.sarif" "$work/lint-no-base.sarif")
fi

status=0
for file in "${files[@]}"; do
  out="$work/validation-$(basename "$file").sarif"
  echo "== validating $file"
  if ! "$tool" validate "$file" --output "$out" --rule-kind "Sarif;Gh" --log ForceOverwrite >/dev/null 2>"$work/stderr"; then
    cat "$work/stderr" >&2
    echo "sarif-validate: the multitool failed on $file" >&2
    exit 2
  fi
  if [ ! -s "$out" ]; then
    echo "sarif-validate: the multitool wrote no results for $file" >&2
    exit 2
  fi
  # Print each result as LEVEL RULE: message and count errors (and warnings with STRICT=1).
  node - "$out" "${STRICT:-0}" <<'JS' || status=1
const [file, strict] = process.argv.slice(2);
const log = JSON.parse(require('fs').readFileSync(file, 'utf8'));
const run = log.runs[0];
const rules = Object.fromEntries((run.tool.driver.rules || []).map(r => [r.id, r]));
let failing = 0;
for (const r of run.results || []) {
  const rule = rules[r.ruleId] || {};
  const level = r.level || (rule.defaultConfiguration || {}).level || 'warning';
  const template = ((rule.messageStrings || {})[r.message.id] || {}).text || r.message.text || r.message.id;
  const text = template.replace(/\{(\d+)\}/g, (_, i) => (r.message.arguments || [])[i] ?? '');
  console.log(`  ${level} ${r.ruleId}: ${text}`);
  if (level === 'error' || (strict === '1' && level === 'warning')) failing++;
}
console.log(failing === 0 ? '  valid' : `  ${failing} failing result(s)`);
process.exit(failing === 0 ? 0 : 1);
JS
done

exit $status
