#!/usr/bin/env bash
# HTTP-server apps: requests through /invoke/{app} (YARP) to the Node.js server sample vs the same
# server hit directly, in one run, over 127.0.0.1 only.
# Usage: bench/servers.sh   (DURATION=8 WARMUP=3 CONNECTIONS=32 change the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-"1 32"}
source bench/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
for tool in curl zip node dotnet; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

bench_init bench-servers

echo "== build (Release)"
dotnet build -c Release -nologo -v q src/Faas.Server >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

echo "== start"
FAAS=http://127.0.0.1:$(free_port)
Faas__Storage__DataDirectory="$WORK/data" Faas__Workers__PythonPath="$PY" \
  dotnet src/Faas.Server/bin/Release/net10.0/Faas.Server.dll --urls "$FAAS" >"$WORK/server.log" 2>&1 &
PIDS+=($!)
DIRECT_PORT=$(free_port)
(cd samples/node-server && PORT=$DIRECT_PORT exec node index.js >/dev/null) & PIDS+=($!)
wait_http "$FAAS/health" || { cat "$WORK/server.log"; exit 1; }
wait_answer "http://127.0.0.1:$DIRECT_PORT/"
(cd samples/node-server && zip -qr "$WORK/app.zip" .)
curl -sf -X PUT -F raw=@"$WORK/app.zip" "$FAAS/api/apps/bench-server?kind=server" >/dev/null || { cat "$WORK/server.log"; exit 1; }

measure() { # connections url -> requests/s, p50, p99, non-2xx
  local threads=$(( $1 > 1 ? 2 : 1 ))
  wrk -t$threads -c"$1" -d"${WARMUP}s" "$2" >/dev/null
  wrk -t$threads -c"$1" -d"${DURATION}s" --latency "$2" | awk '
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
    END {printf "%s %s %s %s\n", rps, p50, p99, (bad==""?0:bad)}'
}
echo "== wrk, ${DURATION}s per point (after ${WARMUP}s warm-up); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-40s %10s %9s %9s %8s\n" "target" "req/s" "p50" "p99" "non-2xx"
for c in $CONNECTIONS; do
  read -r PROXY_RPS PROXY_P50 PROXY_P99 PROXY_BAD < <(measure "$c" "$FAAS/invoke/bench-server/bench?x=1")
  read -r DIRECT_RPS DIRECT_P50 DIRECT_P99 DIRECT_BAD < <(measure "$c" "http://127.0.0.1:$DIRECT_PORT/bench?x=1")
  printf "%-40s %10s %9s %9s %8s\n" "/invoke/{app} (Faas + YARP) ${c}c" "$PROXY_RPS" "$PROXY_P50" "$PROXY_P99" "$PROXY_BAD"
  printf "%-40s %10s %9s %9s %8s\n" "the same Node.js server, direct ${c}c" "$DIRECT_RPS" "$DIRECT_P50" "$DIRECT_P99" "$DIRECT_BAD"
  "$PY" -c "r=$PROXY_RPS/$DIRECT_RPS; print(f'  ratio at ${c}c: {r:.2f}x' + ('' if $c != 32 else (' (target >= 0.8x: ' + ('met)' if r >= 0.8 else 'NOT met)'))))"
done
