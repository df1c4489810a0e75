# Shared by the bench scripts (sourced, after `cd` to the repository): the Python used for helpers,
# a throw-away work folder, and every process a script records in PIDS stopped on exit.
# Usage: source bench/lib.sh; bench_init <name>
PY=/root/.pyenv/versions/3.11.7/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
PIDS=()

bench_init() { # name: makes $WORK and stops $PIDS and removes $WORK on exit
  WORK=$(mktemp -d "/tmp/faas-$1.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}

# need_wrk: installs wrk with apt-get when it is missing
need_wrk() { command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_http URL [seconds]: until URL answers 2xx (60 s by default)
wait_http() { for _ in $(seq $((${2:-60} * 10))); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

# wait_answer URL [seconds]: until URL answers at all, whatever the status
wait_answer() { for _ in $(seq $((${2:-60} * 10))); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

HZ=$(getconf CLK_TCK)
# descendants PID: the process's children, their children, ... (workers run under bwrap, a few levels down)
descendants() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done; }

# Seconds of load each server gets before anything is measured. The JIT's tiering (tier 0, instrumented, then
# optimised code, with PGO) runs on a background thread: on this 2-core machine under load it still took ~20% of a
# server's CPU after 5 s and settled after about 15-20 s, and that CPU was counted per call.
JIT_WARMUP=${JIT_WARMUP:-20}

# tree_cpu PID: CPU ticks (user + system) used so far by a process and all its descendants
tree_cpu() {
  local p t=0 v
  for p in "$1" $(descendants "$1"); do v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null); t=$((t + ${v:-0})); done
  echo "$t"
}

# python_workers_cpu PID: CPU ticks so far of the processes under PID that run the Python worker
python_workers_cpu() {
  local p t=0 v
  for p in $(descendants "$1"); do
    { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -q 'python/worker\.py' || continue
    v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null); t=$((t + ${v:-0}))
  done
  echo "$t"
}

# wrk_point URL PID [CONNECTIONS]: warm-up, then "req/s p50 cpu-us-per-request" of URL (POST [1,2], bench/post.lua),
# the CPU being PID's and its descendants'. Needs DURATION and WARMUP.
wrk_point() {
  local c=${3:-32} cpu0 cpu
  wrk -t2 -c"$c" -d"${WARMUP}s" -s bench/post.lua "$1" >/dev/null
  cpu0=$(tree_cpu "$2")
  wrk -t2 -c"$c" -d"${DURATION}s" --latency -s bench/post.lua "$1" >"$WORK/wrk.out"
  cpu=$(awk -v t=$(( $(tree_cpu "$2") - cpu0 )) -v hz="$HZ" '/ requests in / { printf "%.0f", t * 1e6 / hz / $1 }' "$WORK/wrk.out")
  grep -qE 'Non-2xx|Socket errors' "$WORK/wrk.out" && echo "   warning: $1: $(grep -E 'Non-2xx|Socket errors' "$WORK/wrk.out" | tr -s ' ')" >&2
  echo "$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk.out") $(awk '$1 == "50%" { print $2 }' "$WORK/wrk.out") $cpu"
}

# median [N...]: the median of its arguments, or of the numbers on stdin (one a line) when it has none
median() { if [ $# -gt 0 ]; then printf '%s\n' "$@"; else cat; fi | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# self_cpu PID: CPU ticks used so far by that process alone
self_cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
