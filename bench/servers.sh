#!/usr/bin/env bash
# HTTP-server apps: requests through /invoke/{app} (YARP) to the Node.js server sample vs the same
# server hit directly, in one run, over 127.0.0.1 only, in turns (ROUNDS), with the CPU each side
# spends per request. The server runs from its build folder, so its appsettings.json (logging) applies.
# Usage: bench/servers.sh   (DURATION=8 WARMUP=3 ROUNDS=2 CONNECTIONS="1 32" change the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-"1 32"}
ROUNDS=${ROUNDS:-2}
source bench/lib.sh
need_wrk
for tool in curl zip node dotnet; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

bench_init bench-servers

if [ -z "${SERVER_DIR:-}" ]; then # else an already built server (A/B of two builds)
  echo "== build (Release)"
  dotnet build -c Release -nologo -v q src/Faas.Server >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
dotnet build -c Release -nologo -v q bench/floors/YarpFloor >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

echo "== start"
FAAS=http://127.0.0.1:$(free_port)
SERVER_DIR=${SERVER_DIR:-$PWD/src/Faas.Server/bin/Release/net10.0}
Faas__Storage__DataDirectory="$WORK/data" Faas__Workers__PythonPath="$PY" \
  dotnet "$SERVER_DIR/Faas.Server.dll" --contentRoot "$SERVER_DIR" --urls "$FAAS" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!; PIDS+=($SERVER_PID)
DIRECT_PORT=$(free_port)
(cd samples/node-server && PORT=$DIRECT_PORT exec node index.js >/dev/null) & DIRECT_PID=$!; PIDS+=($DIRECT_PID)
# The floor for any proxy: a bare YARP forwarder (no middleware, no logging) in front of the same direct server.
YARP_PORT=$(free_port)
dotnet bench/floors/YarpFloor/bin/Release/net10.0/YarpFloor.dll --urls "http://127.0.0.1:$YARP_PORT" \
  --upstream "http://127.0.0.1:$DIRECT_PORT" >/dev/null 2>&1 & YARP_PID=$!; PIDS+=($YARP_PID)
wait_http "$FAAS/health" || { cat "$WORK/server.log"; exit 1; }
wait_answer "http://127.0.0.1:$DIRECT_PORT/"
wait_answer "http://127.0.0.1:$YARP_PORT/"
(cd samples/node-server && zip -qr "$WORK/app.zip" .)
curl -sf -X PUT -F raw=@"$WORK/app.zip" "$FAAS/api/apps/bench-server?kind=server" >/dev/null || { cat "$WORK/server.log"; exit 1; }

measure() { # connections url pid -> requests/s, p50, p99, non-2xx, CPU us/request of pid alone, of pid and its children
  local threads=$(( $1 > 1 ? 2 : 1 ))
  wrk -t$threads -c"$1" -d"${WARMUP}s" "$2" >/dev/null
  local self0 tree0; self0=$(self_cpu "$3"); tree0=$(tree_cpu "$3")
  wrk -t$threads -c"$1" -d"${DURATION}s" --latency "$2" >"$WORK/wrk.out"
  local self=$(( $(self_cpu "$3") - self0 )) tree=$(( $(tree_cpu "$3") - tree0 ))
  awk -v s="$self" -v t="$tree" -v hz="$HZ" '
    / requests in / {n=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {printf "%s %s %s %s %.0f %.0f\n", rps, p50, p99, (bad==""?0:bad), s*1e6/hz/n, t*1e6/hz/n}' "$WORK/wrk.out"
}
echo "== wrk, ${DURATION}s per point (after ${WARMUP}s warm-up), ${ROUNDS} rounds in turns; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   CPU us/req: the server alone, and the server with its app (proxy); the Node.js process (direct)"
printf "%-40s %10s %9s %9s %8s %12s\n" "target" "req/s" "p50" "p99" "non-2xx" "CPU us/req"
for c in $CONNECTIONS; do
  for r in $(seq "$ROUNDS"); do
    read -r PROXY_RPS PROXY_P50 PROXY_P99 PROXY_BAD PROXY_SELF PROXY_TREE < <(measure "$c" "$FAAS/invoke/bench-server/bench?x=1" "$SERVER_PID")
    read -r DIRECT_RPS DIRECT_P50 DIRECT_P99 DIRECT_BAD DIRECT_CPU _ < <(measure "$c" "http://127.0.0.1:$DIRECT_PORT/bench?x=1" "$DIRECT_PID")
    read -r YARP_RPS YARP_P50 YARP_P99 YARP_BAD YARP_CPU _ < <(measure "$c" "http://127.0.0.1:$YARP_PORT/bench?x=1" "$YARP_PID")
    printf "%-40s %10s %9s %9s %8s %12s\n" "/invoke/{app} (Faas + YARP) ${c}c" "$PROXY_RPS" "$PROXY_P50" "$PROXY_P99" "$PROXY_BAD" "$PROXY_SELF + $((PROXY_TREE - PROXY_SELF))"
    printf "%-40s %10s %9s %9s %8s %12s\n" "the same Node.js server, direct ${c}c" "$DIRECT_RPS" "$DIRECT_P50" "$DIRECT_P99" "$DIRECT_BAD" "$DIRECT_CPU"
    printf "%-40s %10s %9s %9s %8s %12s\n" "bare YARP floor -> direct ${c}c" "$YARP_RPS" "$YARP_P50" "$YARP_P99" "$YARP_BAD" "$YARP_CPU"
    "$PY" -c "print(f'  bare YARP floor at ${c}c, round $r: {$YARP_RPS/$DIRECT_RPS:.2f}x of direct; Faas /invoke = {$PROXY_RPS/$YARP_RPS:.2f}x of the bare YARP floor')"
    "$PY" -c "r=$PROXY_RPS/$DIRECT_RPS; print(f'  ratio at ${c}c, round $r: {r:.2f}x' + ('' if $c != 32 else (' (target >= 0.8x: ' + ('met)' if r >= 0.8 else 'NOT met)'))))"
  done
done
