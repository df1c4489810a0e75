#!/usr/bin/env bash
# The Python worker under load, A/B in one run, over 127.0.0.1 only: warm Hub calls (POST [1,2] to a
# Python sum) on a server running this tree's worker and on the same build running BASE_WORKER (another
# copy of src/workers/python), next to the node-http floor, in turns (every target once per round,
# ROUNDS=3) so noise from other load hits all of them. Prints req/s and CPU per request (the server
# and everything under it) as ratios to the floor of the same round, and the Python workers' own CPU.
# Usage: BASE_WORKER=/path/to/an/old/workers/python bench/python.sh
#        (DURATION=8 WARMUP=2 ROUNDS=3 CONNECTIONS=32; SERVER_DIR=... runs a built server)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
source bench/lib.sh
need_wrk
[ -f "${BASE_WORKER:-}/worker.py" ] || { echo "BASE_WORKER must name a folder holding a worker.py" >&2; exit 1; }

bench_init python-bench

echo "== build (Release)"
if [ -z "${SERVER_DIR:-}" ]; then
  dotnet build -c Release -nologo -v q src/Faas.Server >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  SERVER_DIR=$PWD/src/Faas.Server/bin/Release/net10.0
fi
# The base: the same build with BASE_WORKER as its Python worker.
cp -r "$SERVER_DIR" "$WORK/base"
rm -rf "$WORK/base/workers/python"; mkdir "$WORK/base/workers/python"
cp "$BASE_WORKER"/*.py "$WORK/base/workers/python/"

echo "== start both servers and the node-http floor"
start_server() { # dir: a server from that build, its data in $WORK/data-<port>; sets URL, SERVER_PID
  local port; port=$(free_port)
  Faas__Storage__DataDirectory="$WORK/data-$port" Faas__Workers__PythonPath="$PY" \
    dotnet "$1/Faas.Server.dll" --urls "http://127.0.0.1:$port" --contentRoot "$1" >"$WORK/server-$port.log" 2>&1 &
  PIDS+=($!); SERVER_PID=$!
  URL=http://127.0.0.1:$port
  wait_http "$URL/api/readiness"
}
mkdir -p "$WORK/app"
printf 'def sum(a, b):\n    return a + b\n' >"$WORK/app/main.py"
echo '{"language_id":"py","path":".","scripts":["main.py"]}' >"$WORK/app/metacall.json"
(cd "$WORK/app" && zip -qr ../app.zip .)
deploy_sum() { # on the server at $URL: the app "bpy", checked once; prints its call URL
  curl -sf -o /dev/null -F "id=bpy" -F "raw=@$WORK/app.zip" "$URL/api/package/create"
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"suffix":"bpy","env":[]}' "$URL/api/deploy/create"
  local call="$URL/$(hostname)/bpy/v1/call/sum"
  [ "$(curl -s -H 'Content-Type: application/json' -d '[1,2]' "$call")" = 3 ] || { echo "$call did not answer 3" >&2; exit 1; }
  echo "$call"
}
start_server "$WORK/base"; BASE_CALL=$(deploy_sum); BASE_PID=$SERVER_PID
start_server "$SERVER_DIR"; NEW_CALL=$(deploy_sum); NEW_PID=$SERVER_PID
NODE_PORT=$(free_port)
node bench/floors/node-http.js "$NODE_PORT" & PIDS+=($!); FLOOR_PID=$!
wait_answer "http://127.0.0.1:$NODE_PORT/"

NAMES=(floor base new)
declare -A TARGET=([floor]="http://127.0.0.1:$NODE_PORT/" [base]="$BASE_CALL" [new]="$NEW_CALL")
declare -A PID=([floor]=$FLOOR_PID [base]=$BASE_PID [new]=$NEW_PID)
declare -A LABEL=([floor]="node-http floor" [base]="python, BASE_WORKER" [new]="python, this tree")
declare -A RATIO CPU WCPU
echo "   warm-up: 5 s at ${CONNECTIONS} connections on each (JIT tiering, workers started)"
for n in "${NAMES[@]}"; do wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post.lua "${TARGET[$n]}" >/dev/null; done
echo "== ${ROUNDS} rounds of (${NAMES[*]}), ${CONNECTIONS} connections, ${DURATION} s each"
for r in $(seq "$ROUNDS"); do
  for n in "${NAMES[@]}"; do
    w0=$(python_workers_cpu "${PID[$n]}")
    read -r rps p50 cpu < <(wrk_point "${TARGET[$n]}" "${PID[$n]}" "$CONNECTIONS")
    wcpu=$(awk -v t=$(( $(python_workers_cpu "${PID[$n]}") - w0 )) -v hz="$HZ" -v r="$rps" -v d="$DURATION" \
      'BEGIN { printf "%.1f", (r > 0) ? t * 1e6 / hz / (r * d) : 0 }')
    [ "$n" = floor ] && floor_rps=$rps
    ratio=$(awk -v r="$rps" -v f="$floor_rps" 'BEGIN { printf "%.2f", r / f }')
    RATIO[$n]="${RATIO[$n]:-} $ratio"; CPU[$n]="${CPU[$n]:-} $cpu"; WCPU[$n]="${WCPU[$n]:-} $wcpu"
    printf '   round %s  %-20s %6s req/s  %sx floor  p50 %-8s CPU %4s us/req  (Python workers %s)\n' \
      "$r" "${LABEL[$n]}" "$rps" "$ratio" "$p50" "$cpu" "$wcpu"
  done
done

echo
echo "| ${CONNECTIONS} connections, ${DURATION}s x ${ROUNDS} (median, then each round) | req/s vs the floor's | CPU us/req | Python workers' CPU us/req |"
echo "|---|---:|---:|---:|"
for n in base new; do
  printf '| %s | %sx (%s) | %s (%s) | %s (%s) |\n' "${LABEL[$n]}" "$(median ${RATIO[$n]})" "$(echo ${RATIO[$n]} | tr ' ' '/')" \
    "$(median ${CPU[$n]})" "$(echo ${CPU[$n]} | tr ' ' '/')" "$(median ${WCPU[$n]})" "$(echo ${WCPU[$n]} | tr ' ' '/')"
done
