#!/usr/bin/env bash
# `npm start`: compile, then hand the process over to the orchestrator (exec, so Ctrl-C and
# SIGTERM reach it directly and it can stop every child and the database).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -d node_modules ]; then
  echo "Dependencies are not installed: run \`npm ci\` first (see README)." >&2
  exit 1
fi
bash scripts/with-node.sh tsc -b
exec bash scripts/with-node.sh node tools/dist/start.js "$@"
