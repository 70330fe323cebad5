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
step "generated files drift: schema, access matrix, typed client, deploy files (npm run schema, then git diff)"
bash scripts/with-node.sh node tools/dist/schema.js >/dev/null
if ! git diff --exit-code --stat -- schema/ docs/access-matrix.md docs/operations.md docs/integrators.md packages/client/src/generated docker-compose.yml Dockerfile tsconfig.json || [ -n "$(git status --porcelain -- schema/ docs/access-matrix.md docs/operations.md docs/integrators.md packages/client/src/generated docker-compose.yml Dockerfile tsconfig.json)" ]; then
  echo "schema/, docs/access-matrix.md, the generated client or the deploy files (docker-compose.yml, Dockerfile, tsconfig.json) are out of date: run \`npm run schema\` and commit the result." >&2
  git status --porcelain -- schema/ docs/access-matrix.md docs/operations.md docs/integrators.md packages/client/src/generated docker-compose.yml Dockerfile tsconfig.json >&2
  exit 1
fi
echo "schema/, docs/access-matrix.md, the generated client and the deploy files match the code and subgraphs/registry.json"

step "schema checks (composition, breaking changes against main, descriptions, deprecations)"
bash scripts/with-node.sh node tools/dist/schema-check.js
step "migration drift (entities vs committed migrations)"
bash scripts/with-node.sh node tools/dist/migration.js --check
