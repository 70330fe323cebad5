#!/usr/bin/env bash
# `npm run check`: format, lint, types, schema drift, migration drift. CI runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n== %s\n' "$1"; }
step "format (prettier --check)"
bash scripts/with-node.sh prettier --check . --log-level warn
step "lint (eslint)"
bash scripts/with-node.sh eslint .
step "types (tsc -b; tests with tsconfig.tests.json)"
bash scripts/with-node.sh tsc -b
bash scripts/with-node.sh tsc -p tsconfig.tests.json
step "schema and access-matrix drift (npm run schema, then git diff)"
bash scripts/with-node.sh node tools/dist/schema.js >/dev/null
if ! git diff --exit-code --stat -- schema/ docs/access-matrix.md || [ -n "$(git status --porcelain -- schema/ docs/access-matrix.md)" ]; then
  echo "schema/ or docs/access-matrix.md is out of date with the code: run \`npm run schema\` and commit the result." >&2
  git status --porcelain -- schema/ docs/access-matrix.md >&2
  exit 1
fi
echo "schema/ and docs/access-matrix.md match the code"
step "migration drift (entities vs committed migrations)"
bash scripts/with-node.sh node tools/dist/migration.js --check
