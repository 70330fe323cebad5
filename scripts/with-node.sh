#!/usr/bin/env bash
# Runs a command with Node.js 22+ first on PATH. Where the machine's node is older, a current
# Node is installed once from the npm registry (the `node` package) into .tools/node.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want=22
have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have" -lt "$want" ]; then
  dir="$root/.tools/node"
  bin="$dir/node_modules/node/bin"
  if [ ! -x "$bin/node" ]; then
    echo "[with-node] node $have is older than $want: installing node@$want from the npm registry into .tools/node" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node@$want" >&2
  fi
  export PATH="$bin:$dir/node_modules/.bin:$PATH"
fi
exec "$@"
