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

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_http URL [seconds]: until URL answers 2xx (60 s by default)
wait_http() { for _ in $(seq $((${2:-60} * 10))); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

# wait_answer URL [seconds]: until URL answers at all, whatever the status
wait_answer() { for _ in $(seq $((${2:-60} * 10))); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# descendants PID: the process's children, their children, ... (workers run under bwrap, a few levels down)
descendants() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done; }

# tree_cpu PID: CPU ticks (user + system) used so far by a process and all its descendants
tree_cpu() {
  local p t=0 v
  for p in "$1" $(descendants "$1"); do v=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null); t=$((t + ${v:-0})); done
  echo "$t"
}
