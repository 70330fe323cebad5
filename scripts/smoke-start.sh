#!/usr/bin/env bash
# Starts the platform with `npm start` (embedded PostgreSQL unless DATABASE_URL is set), waits
# until the gateway is ready, sends one query that touches all four subgraphs, stops it with
# SIGTERM and checks that nothing it started is left running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log=$(mktemp)
# Job control puts the background job in a process group of its own, whose id is its pid: known
# at once, with no race (reading the group of a `setsid` child could catch it before it moved,
# and the cleanup below would then signal this script's own group).
set -m
npm start >"$log" 2>&1 &
pid=$!
pgid=$pid
set +m
cleanup() { kill -KILL -- "-$pgid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

echo "waiting for the gateway (npm start pid $pid)…"
for i in $(seq 1 300); do
  if grep -q "\[start\] ready:" "$log"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "npm start exited early:"; cat "$log"; exit 1; fi
  sleep 1
done
grep -q "\[start\] ready:" "$log" || { echo "not ready after 300 s:"; cat "$log"; exit 1; }
sed -n '/\[start\]/p' "$log"

public=$(curl -sS -X POST -H 'content-type: application/json' --data '{"query":"{ agreements { title monthlyCap } facilities { name occupancyBand } }"}' http://127.0.0.1:4000/graphql)
echo "public: ${public:0:300}"
echo "$public" | grep -q '"monthlyCap"' || { echo "the public query did not answer"; exit 1; }

token=$(bash scripts/with-node.sh node tools/dist/token.js --role mia_officer)
query='{"query":"{ cases(first: 3) { edges { node { caseNumber status person { familyName } currentPlacement { facility { name occupancyRate visits { startedAt } staffCompliance { share } } } assignedOfficer { name compliance { compliant } } } } } }"}'
response=$(curl -sS -X POST -H 'content-type: application/json' -H "authorization: Bearer $token" --data "$query" http://127.0.0.1:4000/graphql)
echo "as mia_officer: ${response:0:600}"
echo "$response" | grep -q '"caseNumber":"RKS-' || { echo "no seeded cases in the response"; exit 1; }
echo "$response" | grep -q '"errors"' && { echo "the query returned errors"; exit 1; }
curl -sS http://127.0.0.1:4000/readyz; echo

echo "stopping with SIGTERM…"
kill -TERM "$pid"
running() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null || true); [ -n "$state" ] && [[ "$state" != Z* ]]; }
for _ in $(seq 1 30); do running "$pid" || break; sleep 1; done
if running "$pid"; then echo "npm start did not exit within 30 s"; exit 1; fi
wait "$pid" || true
# Everything npm start launched (subgraphs, gateway, PostgreSQL) must be gone within a few seconds.
for _ in $(seq 1 10); do [ -z "$(pgrep -g "$pgid" || true)" ] && break; sleep 1; done
left=$(pgrep -g "$pgid" || true)
if [ -n "$left" ]; then echo "processes left running:"; ps -o pid,cmd -p $left; exit 1; fi
tail -n 3 "$log"
# Where the embedded database had to move out of an unreachable folder (CI's private clone
# folder), its data lives under /var/tmp: a CI run removes what it created.
moved=$(sed -n 's/.*keeping the database in \(\/var\/tmp\/kgraph-data-[0-9a-f]*\) instead.*/\1/p' "$log" | head -n 1)
if [ "${CI:-}" = "true" ] && [ -n "$moved" ] && grep -q "initialising a new cluster in $moved" "$log"; then
  rm -rf "$moved" && echo "removed this run's database at $moved"
fi
echo "smoke: started, answered, stopped cleanly"
