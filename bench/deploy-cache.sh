#!/usr/bin/env bash
# The dependency cache: deploy of an npm app whose dependencies did not change, after a delete and a
# re-upload, with the cache off and on, in one run. Over 127.0.0.1 only.
# Usage: bench/deploy-cache.sh   (RUNS=5: repetitions, median reported; needs the npm registry once per run)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
source bench/lib.sh
for tool in curl zip node dotnet; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done

bench_init bench-cache

echo "== build (Release)"
dotnet build -c Release -nologo -v q src/Faas.Server >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
SERVER_DIR=$PWD/src/Faas.Server/bin/Release/net10.0
(cd samples/node-npm-dep && zip -qr "$WORK/app.zip" . -x 'node_modules/*')

# start NAME CACHE_BYTES: a server with its own data folder; sets URL (not in a subshell, so PIDS keeps its pid)
start() {
  local port; port=$(free_port)
  Faas__Storage__DataDirectory="$WORK/$1" Faas__Storage__MaxDependencyCacheBytes="$2" Faas__Workers__PythonPath="$PY" \
    dotnet "$SERVER_DIR/Faas.Server.dll" --urls "http://127.0.0.1:$port" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$port/api/readiness" >&2 || { cat "$WORK/$1.log" >&2; exit 1; }
  URL="http://127.0.0.1:$port"
}

# redeploys URL: deploy once, then RUNS times delete + upload + timed deploy; prints the deploy times in ms
redeploys() {
  local faas=$1 start_ms
  curl -sf -o /dev/null -F id=npm -F "raw=@$WORK/app.zip" "$faas/api/package/create"
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"suffix":"npm","env":[]}' "$faas/api/deploy/create"
  for _ in $(seq "$RUNS"); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"suffix":"npm"}' "$faas/api/deploy/delete"
    curl -sf -o /dev/null -F id=npm -F "raw=@$WORK/app.zip" "$faas/api/package/create"
    start_ms=$(now_ms)
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"suffix":"npm","env":[]}' "$faas/api/deploy/create"
    echo $(( $(now_ms) - start_ms ))
    [ "$(curl -s -H 'Content-Type: application/json' -d '[5]' "$faas/$(hostname)/npm/latest/call/isNumber")" = true ] || { echo "isNumber failed" >&2; exit 1; }
  done
}

echo "== servers: cache off (MaxDependencyCacheBytes=0: every entry pruned once unused) and on (default)"
start off 0; OFF=$URL
start on 2147483648; ON=$URL
echo "== delete + re-upload + deploy of samples/node-npm-dep (is-number from npm), x$RUNS on each server"
OFF_TIMES=$(redeploys "$OFF")
ON_TIMES=$(redeploys "$ON")
printf '\n%-32s %10s %10s %s\n' "deploy after delete" "median ms" "max ms" "runs"
printf '%-32s %10s %10s %s\n' "cache off (npm install)" "$(echo "$OFF_TIMES" | median)" "$(echo "$OFF_TIMES" | sort -n | tail -1)" "$(echo $OFF_TIMES)"
printf '%-32s %10s %10s %s\n' "cache on (linked)" "$(echo "$ON_TIMES" | median)" "$(echo "$ON_TIMES" | sort -n | tail -1)" "$(echo $ON_TIMES)"
grep -c "skipped: dependencies unchanged (cached" "$WORK/on/state/npm/app.log" >/dev/null && echo "(cache on: the log says the install was skipped, cached)"
