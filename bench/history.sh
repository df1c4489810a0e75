#!/usr/bin/env bash
# Execution history and HTTP functions under load, over 127.0.0.1 only.
# Usage: bench/history.sh   (DURATION=8 WARMUP=3 change the defaults; SERVER_DIR=... runs a built server)
# Two servers from the same build, one recording the history (Faas:Executions:Record=true, the default)
# and one not, get the same warm Hub calls at 32 connections, measured in turns (on, off, on, off) so
# noise from other load hits both; then /fn calls to a Node.js handler next to the node-http floor.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-3}
source bench/lib.sh
need_wrk

bench_init history-bench

echo "== build (Release)"
if [ -z "${SERVER_DIR:-}" ]; then
  dotnet build -c Release -nologo -v q src/Faas.Server >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  SERVER_DIR=$PWD/src/Faas.Server/bin/Release/net10.0
fi

start_server() { # name record -> sets URL_<name>, PID_<name>
  local port; port=$(free_port)
  Faas__Storage__DataDirectory="$WORK/data-$1" Faas__Workers__PythonPath="$PY" Faas__Executions__Record="$2" \
    dotnet "$SERVER_DIR/Faas.Server.dll" --urls "http://127.0.0.1:$port" --contentRoot "$SERVER_DIR" >"$WORK/server-$1.log" 2>&1 &
  PIDS+=($!)
  eval "URL_$1=http://127.0.0.1:$port PID_$1=$!"
}
echo "== start servers (history on, history off) and the node-http floor"
start_server on true
start_server off false
NODE_PORT=$(free_port)
node bench/floors/node-http.js "$NODE_PORT" & PIDS+=($!); PID_floor=$!
wait_http "$URL_on/api/readiness"; wait_http "$URL_off/api/readiness"
PREFIX=$(hostname)

mkdir -p "$WORK/app"
cat >"$WORK/app/index.js" <<'JS'
module.exports = {
  sum: (a, b) => a + b,
  handler: (ctx, event) => ({ body: { sum: 3 } }),
};
JS
echo '{"language_id":"node","path":".","scripts":["index.js"]}' >"$WORK/app/metacall.json"
(cd "$WORK/app" && zip -qr ../app.zip .)
for s in on off; do
  url=URL_$s
  curl -sf -o /dev/null -F "id=bapp" -F "raw=@$WORK/app.zip" "${!url}/api/package/create"
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"suffix":"bapp","env":[]}' "${!url}/api/deploy/create"
  [ "$(curl -s -H 'Content-Type: application/json' -d '[1,2]' "${!url}/$PREFIX/bapp/v1/call/sum")" = 3 ] || { echo "server $s: sum failed" >&2; exit 1; }
done
[ "$(curl -s -d '[1,2]' "$URL_on/fn/bapp")" = '{"sum":3}' ] || { echo "/fn failed" >&2; exit 1; }
for _ in $(seq 300); do curl -s -o /dev/null -d '[1,2]' "http://127.0.0.1:$NODE_PORT/" && break; sleep 0.1; done

rps() { # url pid -> req/s at 32 connections (POST [1,2]), p50, CPU us per request of the server and its workers
  wrk -t2 -c32 -d"${WARMUP}s" -s bench/post.lua "$1" >/dev/null
  local cpu0; cpu0=$(tree_cpu "$2")
  wrk -t2 -c32 -d"${DURATION}s" --latency -s bench/post.lua "$1" >"$WORK/wrk.out"
  local cpu; cpu=$(awk -v t=$(( $(tree_cpu "$2") - cpu0 )) -v hz="$HZ" '/ requests in / { printf "%.0f", t * 1e6 / hz / $1 }' "$WORK/wrk.out")
  grep -qE 'Non-2xx|Socket errors' "$WORK/wrk.out" && echo "   warning: $(grep -E 'Non-2xx|Socket errors' "$WORK/wrk.out" | tr -s ' ')" >&2
  echo "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk.out") $(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out") $cpu"
}
echo "== warm-up: ${JIT_WARMUP} s each (JIT tiering, bench/lib.sh)"
for u in "$URL_on/$PREFIX/bapp/v1/call/sum" "$URL_off/$PREFIX/bapp/v1/call/sum" "$URL_on/fn/bapp" "http://127.0.0.1:$NODE_PORT/"; do
  wrk -t2 -c32 -d"${JIT_WARMUP}s" -s bench/post.lua "$u" >/dev/null
done
echo "== Hub calls, 32 connections, ${ROUNDS} rounds of (history on, history off)"
ON=(); OFF=(); CPU_ON=(); CPU_OFF=(); ROWS=()
for r in $(seq "$ROUNDS"); do
  read -r a pa ca < <(rps "$URL_on/$PREFIX/bapp/v1/call/sum" "$PID_on"); ON+=("$a"); CPU_ON+=("$ca")
  read -r b pb cb < <(rps "$URL_off/$PREFIX/bapp/v1/call/sum" "$PID_off"); OFF+=("$b"); CPU_OFF+=("$cb")
  ROWS+=("$(printf '| %d | %s | %s | %s | %s | %s | %s |' "$r" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f%%", 100 * (b - a) / b }')" "$ca" "$cb" "$pa / $pb")")
  echo "   ${ROWS[-1]}"
done
echo "== /fn (Node.js handler, history on) vs the node-http floor, 32 connections"
read -r fn pfn cfn < <(rps "$URL_on/fn/bapp" "$PID_on"); echo "   /fn node:  $fn req/s  p50 $pfn  CPU $cfn us/req"
read -r floor pfl cfl < <(rps "http://127.0.0.1:$NODE_PORT/" "$PID_floor"); echo "   node-http: $floor req/s  p50 $pfl  CPU $cfl us/req"
recorded=$(curl -s "$URL_on/api/apps/bapp/executions?limit=1" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["pagination"]["total"], d["dropped"])')
sum() { local t=0 v; for v in "$@"; do t=$((t + v)); done; echo "$t"; }
on=$(sum "${ON[@]}"); off=$(sum "${OFF[@]}")
con=$(median "${CPU_ON[@]}"); coff=$(median "${CPU_OFF[@]}")
echo
echo "Hub calls \`POST [1,2]\` to sum, 32 connections, ${DURATION}s per point, history on and off in turns:"
echo
echo "| round | on req/s | off req/s | throughput cost | on CPU us/req | off CPU us/req | p50 on / off |"
echo "|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo "| all (mean; CPU median) | $((on / ROUNDS)) | $((off / ROUNDS)) | $(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.1f%%", 100 * (b - a) / b }') | $con | $coff | |"
echo
echo "| /fn and its floor, 32 connections | req/s | CPU us/req |"
echo "|---|---:|---:|"
echo "| /fn Node.js handler (history on) | $fn | $cfn |"
echo "| node-http floor | $floor | $cfl |"
echo
awk -v a="$on" -v b="$off" 'BEGIN { c = 100 * (b - a) / b; printf "history costs %.1f%% of Hub-call throughput (target <= 10%%): %s\n", c, (c <= 10 ? "met" : "MISSED") }'
awk -v a="$con" -v b="$coff" 'BEGIN { if (b > 0) printf "history adds %.1f%% CPU per Hub call (the steadier measure on a shared machine)\n", 100 * (a - b) / b }'
awk -v a="$fn" -v b="$floor" 'BEGIN { printf "/fn node is %.0f%% of the node-http floor\n", 100 * a / b }'
echo "executions recorded (total, dropped) on the history server: $recorded"
