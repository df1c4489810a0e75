#!/usr/bin/env bash
# HTTP functions under load, over 127.0.0.1 only, in one run: /fn calls to a Lua and a Node.js handler,
# a Lua handler doing kv.get + kv.set per request, and the node-http floor, measured in turns
# (every target once per round, ROUNDS=3) so noise from other load hits all of them.
# Usage: bench/fn.sh   (DURATION=8 WARMUP=2 ROUNDS=3 CONNECTIONS=32; SERVER_DIR=... runs a built server;
# BASE_DIR=.../net10.0 also starts that build and measures its three targets in the same turns: an A/B)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
source bench/lib.sh
need_wrk
command -v lua5.4 >/dev/null || { echo "lua5.4 is needed (apt-get install lua5.4)" >&2; exit 1; }

bench_init fn-bench

echo "== build (Release)"
if [ -z "${SERVER_DIR:-}" ]; then
  dotnet build -c Release -nologo -v q src/Faas.Server >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  SERVER_DIR=$PWD/src/Faas.Server/bin/Release/net10.0
fi

echo "== start the server (history on, the default) and the node-http floor"
start_server() { # dir: a server from that build, its data in $WORK/data-<pid>; sets PORT, URL, SERVER_PID
  PORT=$(free_port)
  Faas__Storage__DataDirectory="$WORK/data-$PORT" Faas__Workers__PythonPath="$PY" \
    dotnet "$1/Faas.Server.dll" --urls "http://127.0.0.1:$PORT" >"$WORK/server-$PORT.log" 2>&1 &
  PIDS+=($!); SERVER_PID=$!
  URL=http://127.0.0.1:$PORT
  wait_http "$URL/api/readiness"
}
NODE_PORT=$(free_port)
node bench/floors/node-http.js "$NODE_PORT" & PIDS+=($!); FLOOR_PID=$!
wait_answer "http://127.0.0.1:$NODE_PORT/"

create() { # name language code: a single-file app (POST /api/apps)
  "$PY" -c 'import json,sys; print(json.dumps({"name": sys.argv[1], "language": sys.argv[2], "code": sys.argv[3]}))' "$1" "$2" "$3" \
    | curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @- "$URL/api/apps" || { echo "could not create $1" >&2; tail -20 "$WORK/server-$PORT.log" >&2; exit 1; }
}
deploy_apps() { # on the server at $URL: the three apps, each checked once
  create fn-node node 'module.exports = { handler: (ctx, event) => ({ body: { sum: 3 } }) };'
  create fn-lua lua 'function handler(ctx, event) return { body = { sum = 3 } } end'
  create fn-luakv lua 'function handler(ctx, event)
  local hits = (tonumber(kv.get("hits")) or 0) + 1
  kv.set("hits", hits)
  return { body = { hits = hits } }
end'
  for app in fn-node fn-lua; do
    [ "$(curl -s -d '[1,2]' "$URL/fn/$app")" = '{"sum":3}' ] || { echo "/fn/$app failed" >&2; exit 1; }
  done
  [ "$(curl -s -d '[1,2]' "$URL/fn/fn-luakv")" = '{"hits":1}' ] || { echo "/fn/fn-luakv failed" >&2; exit 1; }
}
if [ -n "${BASE_DIR:-}" ]; then
  start_server "$BASE_DIR"; deploy_apps
  BASE_URL=$URL; BASE_PID=$SERVER_PID
fi
start_server "$SERVER_DIR"; deploy_apps

NAMES=(floor node lua luakv)
declare -A TARGET=([floor]="http://127.0.0.1:$NODE_PORT/" [node]="$URL/fn/fn-node" [lua]="$URL/fn/fn-lua" [luakv]="$URL/fn/fn-luakv")
declare -A PID=([floor]=$FLOOR_PID [node]=$SERVER_PID [lua]=$SERVER_PID [luakv]=$SERVER_PID)
declare -A LABEL=([floor]="node-http floor" [node]="/fn Node.js handler" [lua]="/fn Lua handler" [luakv]="/fn Lua kv.get + kv.set")
if [ -n "${BASE_DIR:-}" ]; then
  for n in node lua luakv; do
    TARGET[base-$n]="$BASE_URL/fn/fn-$n"; PID[base-$n]=$BASE_PID; LABEL[base-$n]="${LABEL[$n]} (BASE_DIR)"
  done
  NAMES=(floor node base-node lua base-lua luakv base-luakv)
fi
declare -A RPS CPU P50
echo "== ${ROUNDS} rounds of (${NAMES[*]}), ${CONNECTIONS} connections, ${DURATION} s each"
for r in $(seq "$ROUNDS"); do
  for n in "${NAMES[@]}"; do
    read -r rps p50 cpu < <(wrk_point "${TARGET[$n]}" "${PID[$n]}" "$CONNECTIONS")
    RPS[$n]="${RPS[$n]:-} $rps"; CPU[$n]="${CPU[$n]:-} $cpu"; P50[$n]="${P50[$n]:-} $p50"
    echo "   round $r  ${LABEL[$n]}: $rps req/s  p50 $p50  CPU $cpu us/req"
  done
done
hits=$(curl -s "$URL/api/apps/fn-luakv/kv/hits")

echo
echo "| measure (${CONNECTIONS} connections, ${DURATION}s x ${ROUNDS}, medians) | req/s | vs floor | CPU us/req | vs floor |"
echo "|---|---:|---:|---:|---:|"
floor_rps=$(median ${RPS[floor]}); floor_cpu=$(median ${CPU[floor]})
for n in "${NAMES[@]}"; do
  rps=$(median ${RPS[$n]}); cpu=$(median ${CPU[$n]})
  awk -v l="${LABEL[$n]}" -v r="$rps" -v c="$cpu" -v fr="$floor_rps" -v fc="$floor_cpu" \
    'BEGIN { printf "| %s | %.0f | %.0f%% | %.0f | %.1fx |\n", l, r, 100 * r / fr, c, (fc > 0 ? c / fc : 0) }'
done
echo "the Lua KV counter ended at $hits (one kv.get + kv.set per request, all in $WORK/data-$PORT/faas.db)"
