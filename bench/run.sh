#!/usr/bin/env bash
# Worker runtime under load: Faas vs its floors, side by side, over 127.0.0.1 only.
# Usage: bench/run.sh   (installs wrk with apt-get if missing; DURATION=8 WARMUP=3 RUNS=5 change the defaults)
# Extra Faas__* environment variables are passed to the server (A/B runs of settings);
# SERVER_DIR=/path/to/a/built/net10.0 runs that Faas.Server build instead of building src/ (A/B of code).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-8}   # seconds per wrk measurement
WARMUP=${WARMUP:-3}       # seconds of wrk before each measurement (not counted)
RUNS=${RUNS:-5}           # cold-start repetitions (median reported)
source bench/lib.sh

need_wrk
for tool in curl zip node dotnet; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

bench_init bench

echo "== build (Release)"
if [ -z "${SERVER_DIR:-}" ]; then
  dotnet build -c Release -nologo -v q src/Faas.Server >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
  SERVER_DIR=$PWD/src/Faas.Server/bin/Release/net10.0
fi
dotnet build -c Release -nologo -v q bench/floors/KestrelFloor >>"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

echo "== start servers"
FAAS_PORT=$(free_port)
FAAS=http://127.0.0.1:$FAAS_PORT
Faas__Storage__DataDirectory="$WORK/data" Faas__Workers__PythonPath="$PY" \
  dotnet "$SERVER_DIR/Faas.Server.dll" --urls "$FAAS" --contentRoot "$SERVER_DIR" >"$WORK/server.log" 2>&1 &
SERVER=$!; PIDS+=($SERVER)
NODE_PORT=$(free_port)
node bench/floors/node-http.js "$NODE_PORT" & NODE_HTTP=$!; PIDS+=($NODE_HTTP)
KESTREL_PORT=$(free_port)
dotnet bench/floors/KestrelFloor/bin/Release/net10.0/KestrelFloor.dll --urls "http://127.0.0.1:$KESTREL_PORT" >/dev/null 2>&1 & KESTREL=$!; PIDS+=($KESTREL)
wait_http "$FAAS/api/readiness" || { cat "$WORK/server.log"; exit 1; }
PREFIX=$(hostname)

# make_app NAME LANG: a no-dependency app with sum(a, b) in $WORK/apps/NAME
make_app() {
  local dir=$WORK/apps/$1
  mkdir -p "$dir"
  if [ "$2" = node ]; then
    echo 'module.exports = { sum: (a, b) => a + b };' >"$dir/index.js"
    echo '{"language_id":"node","path":".","scripts":["index.js"]}' >"$dir/metacall.json"
  else
    printf 'def sum(a, b):\n    return a + b\n' >"$dir/main.py"
    echo '{"language_id":"py","path":".","scripts":["main.py"]}' >"$dir/metacall.json"
  fi
  (cd "$dir" && zip -qr "../$1.zip" .)
}
upload() { curl -sf -o /dev/null -F "id=$1" -F "raw=@$WORK/apps/$1.zip" "$FAAS/api/package/create"; }
deploy() { curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"suffix\":\"$1\",\"env\":[]}" "$FAAS/api/deploy/create"; }
call_url() { echo "$FAAS/$PREFIX/$1/v1/call/sum"; }
check_sum() { # url: the call must answer 3
  local got; got=$(curl -s -H 'Content-Type: application/json' -d '[1,2]' "$1")
  [ "$got" = 3 ] || { echo "$1 answered '$got', not 3" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
}

echo "== deploy node and python apps"
make_app bnode node; upload bnode; deploy bnode
make_app bpy py; upload bpy; deploy bpy
declare -A URL=(
  [node]=$(call_url bnode) [python]=$(call_url bpy)
  [node-http]="http://127.0.0.1:$NODE_PORT/" [kestrel]="http://127.0.0.1:$KESTREL_PORT/"
)
declare -A PID=([node]=$SERVER [python]=$SERVER [node-http]=$NODE_HTTP [kestrel]=$KESTREL)
for _ in $(seq 300); do  # the floors are up once they answer a POST
  curl -s -o /dev/null -d '[1,2]' "${URL[kestrel]}" && curl -s -o /dev/null -d '[1,2]' "${URL[node-http]}" && break; sleep 0.1
done
for k in node python node-http kestrel; do check_sum "${URL[$k]}"; done

# wrk results, keyed "target conns": requests/s, p50 ms, p99 ms, CPU µs per request
declare -A RPS P50 P99 CPU
to_ms() { awk '{ v=$1; if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else if (v ~ /s$/) printf "%.3f", v*1000; else print "?" }'; }
measure() { # target conns threads
  local key="$1 $2" out=$WORK/wrk.out
  wrk -t"$3" -c"$2" -d"${WARMUP}s" -s bench/post.lua "${URL[$1]}" >/dev/null
  local cpu0 py0; cpu0=$(tree_cpu "${PID[$1]}"); py0=$(python_workers_cpu "$SERVER")
  wrk -t"$3" -c"$2" -d"${DURATION}s" --latency -s bench/post.lua "${URL[$1]}" >"$out"
  CPU[$key]=$(awk -v t=$(( $(tree_cpu "${PID[$1]}") - cpu0 )) -v hz="$HZ" '/ requests in / { printf "%.1f", t * 1e6 / hz / $1 }' "$out")
  local pycpu=""  # the Python workers' own share of it
  [ "$1" = python ] && pycpu=$(awk -v t=$(( $(python_workers_cpu "$SERVER") - py0 )) -v hz="$HZ" '/ requests in / { printf "  (python workers %.1f)", t * 1e6 / hz / $1 }' "$out")
  RPS[$key]=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")
  P50[$key]=$(awk '$1 == "50%" { print $2 }' "$out" | to_ms)
  P99[$key]=$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)
  if grep -qE 'Non-2xx|Socket errors' "$out"; then echo "   warning, $key: $(grep -E 'Non-2xx|Socket errors' "$out" | tr -s ' ')"; fi
  printf '   %-10s %2sc  %8s req/s  p50 %7s ms  p99 %7s ms  CPU %6s us/req%s\n' "$1" "$2" "${RPS[$key]}" "${P50[$key]}" "${P99[$key]}" "${CPU[$key]}" "$pycpu"
}

echo "== load: wrk ${DURATION}s per point after ${WARMUP}s warm-up, POST [1,2]"
echo "   warm-up: ${JIT_WARMUP} s at 32 connections on each server (JIT tiering, bench/lib.sh)"
for target in kestrel node-http node python; do wrk -t2 -c32 -d"${JIT_WARMUP}s" -s bench/post.lua "${URL[$target]}" >/dev/null; done
for conns in 32 1; do  # 32 first: the servers' JIT is warm by the latency-sensitive 1c runs
  threads=$([ "$conns" = 1 ] && echo 1 || echo 2)
  for target in kestrel node-http node python; do measure "$target" "$conns" "$threads"; done
done

max() { sort -n | tail -1; }

echo "== cold start: deploy/create -> first successful call, fresh no-dependency node app, and node -e 0 (x$RUNS)"
COLD=(); NODE_START=()
for i in $(seq "$RUNS"); do
  make_app "cold$i" node; upload "cold$i"
  # The floor, measured next to each run: a bare node process start.
  t0=$(date +%s%N); node -e 0; NODE_START+=($(( ($(date +%s%N) - t0) / 1000000 )))
  # One curl, two requests back to back: deploy/create, then the call; the sum of curl's own timings.
  out=$(curl -s -o /dev/null -w '%{time_total} ' -H 'Content-Type: application/json' -d "{\"suffix\":\"cold$i\",\"env\":[]}" "$FAAS/api/deploy/create" \
    --next -s -w ' %{time_total}' -H 'Content-Type: application/json' -d '[1,2]' "$(call_url "cold$i")")
  ms=$(echo "$out" | awk '{ printf "%.0f", ($1 + $3) * 1000 }')
  if [ "$(echo "$out" | awk '{ print $2 }')" != 3 ]; then  # not callable yet: poll, adding the wall time
    t0=$(now_ms)
    until [ "$(curl -s -H 'Content-Type: application/json' -d '[1,2]' "$(call_url "cold$i")")" = 3 ]; do :; done
    ms=$(( ms + $(now_ms) - t0 ))
  fi
  COLD+=("$ms")
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"suffix\":\"cold$i\"}" "$FAAS/api/deploy/delete"
done
echo "   ms: ${COLD[*]}"
echo "   node -e 0 ms: ${NODE_START[*]}"

echo "== idle-stopped -> first call (faas.json idleTimeoutSeconds: 1) (x$RUNS)"
make_app idle node; echo '{"idleTimeoutSeconds": 1}' >"$WORK/apps/idle/faas.json"
rm -f "$WORK/apps/idle.zip"; (cd "$WORK/apps/idle" && zip -qr ../idle.zip .)
upload idle; deploy idle
IDLE_DIR=$(readlink -f "$WORK/data/apps/idle")
idle_workers() { # pids of the server's descendants running the idle app (a worker, or the sandbox around it)
  local p
  for p in $(descendants "$SERVER"); do
    { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -qF "$IDLE_DIR/" && echo "$p"
    case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in "$IDLE_DIR"/*) echo "$p" ;; esac
  done
  return 0
}
IDLE=()
for i in $(seq "$RUNS"); do
  check_sum "$(call_url idle)"
  for _ in $(seq 100); do [ -z "$(idle_workers)" ] && break; sleep 0.1; done
  [ -z "$(idle_workers)" ] || { echo "the idle app's worker did not stop" >&2; exit 1; }
  t=$(curl -s -o "$WORK/idle.out" -w '%{time_total}' -H 'Content-Type: application/json' -d '[1,2]' "$(call_url idle)")
  [ "$(cat "$WORK/idle.out")" = 3 ] || { echo "idle call failed: $(cat "$WORK/idle.out")" >&2; exit 1; }
  IDLE+=($(awk -v t="$t" 'BEGIN { printf "%.0f", t * 1000 }'))
done
echo "   ms: ${IDLE[*]}"

# ---- table
ratio() { # ours floor conns: req/s as % of the floor's, p50 and CPU per request as multiples of the floor's
  awk -v r="${RPS[$1 $3]}" -v fr="${RPS[$2 $3]}" -v p="${P50[$1 $3]}" -v fp="${P50[$2 $3]}" -v c="${CPU[$1 $3]}" -v fc="${CPU[$2 $3]}" \
    'BEGIN { if (fr > 0 && fp > 0 && fc > 0) printf "%3.0f%% %4.1fx %4.1fx", 100 * r / fr, p / fp, c / fc; else printf "-" }'
}
line() { printf '| %-22s | %8s | %7s | %7s | %7s | %-17s | %-17s |\n' "$@"; }
row() { line "$1" "${RPS[$2 $3]}" "${P50[$2 $3]}" "${P99[$2 $3]}" "${CPU[$2 $3]}" "${4:--}" "${5:--}"; }
spread() { printf '%s\n' "$@" | median; }
echo
echo "Load: wrk ${DURATION}s after ${WARMUP}s warm-up, POST [1,2]; 1c = 1 thread/1 connection, 32c = 2 threads/32 connections; $(nproc) cores."
echo "CPU us/req: user+system CPU of the server and its workers (or of the floor) per request."
echo "vs floor: req/s as % of the floor's, then p50 and CPU/req as multiples of the floor's, same connections."
echo
line row "req/s" "p50 ms" "p99 ms" "CPU us" "vs node-http" "vs kestrel"
echo "|------------------------|---------:|--------:|--------:|--------:|-------------------|-------------------|"
for c in 1 32; do row "our node ${c}c" node $c "$(ratio node node-http $c)" "$(ratio node kestrel $c)"; done
for c in 1 32; do row "our python ${c}c" python $c "$(ratio python node-http $c)" "$(ratio python kestrel $c)"; done
for c in 1 32; do row "node-http floor ${c}c" node-http $c "" "$(ratio node-http kestrel $c)"; done
for c in 1 32; do row "kestrel floor ${c}c" kestrel $c; done
COLD_MED=$(spread "${COLD[@]}"); IDLE_MED=$(spread "${IDLE[@]}"); START_MED=$(spread "${NODE_START[@]}")
vs_start() { awk -v a="$1" -v b="$START_MED" 'BEGIN { if (b > 0) printf "%.1fx node start", a / b; else print "-" }'; }
line "cold deploy->call ms" - "$COLD_MED" "$(printf '%s\n' "${COLD[@]}" | max)" - "$(vs_start "$COLD_MED")" "median / max of $RUNS"
line "idle->call ms" - "$IDLE_MED" "$(printf '%s\n' "${IDLE[@]}" | max)" - "$(vs_start "$IDLE_MED")" "median / max of $RUNS"
line "node start floor ms" - "$START_MED" "$(printf '%s\n' "${NODE_START[@]}" | max)" - "node -e 0" "median / max of $RUNS"

verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "met" : "MISSED" }'; }
echo
echo "Targets:"
printf '  %-34s %8s  %s\n' "node 32c >= 10000 req/s" "${RPS[node 32]}" "$(verdict "${RPS[node 32]}" '>=' 10000)"
printf '  %-34s %8s  %s\n' "node 1c p50 <= 0.3 ms" "${P50[node 1]}" "$(verdict "${P50[node 1]}" '<=' 0.3)"
printf '  %-34s %8s  %s\n' "python 32c >= 5000 req/s" "${RPS[python 32]}" "$(verdict "${RPS[python 32]}" '>=' 5000)"
printf '  %-34s %8s  %s\n' "deploy -> first call <= 300 ms" "$COLD_MED" "$(verdict "$COLD_MED" '<=' 300)"
