#!/usr/bin/env bash
# `faas up` of 10 unchanged functions: the whole command (process start included) and the time it
# reports itself (--json "seconds"), median of RUNS, with the CLI installed as the README says (the
# tool package, into a throw-away --tool-path). On demand, not in CI. Target: under 0.5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
RUNS=${RUNS:-7}
APPS=${APPS:-10}
work=$(mktemp -d)
echo "Packing the CLI tool and installing it into $work/tool ..."
dotnet pack src/Faas.Cli -o "$work/package" -v q >/dev/null
dotnet tool install --tool-path "$work/tool" --add-source "$work/package" faas >/dev/null
port=$(free_port)
export FAAS_URL=http://127.0.0.1:$port FAAS_HOME=$work/home FAAS_DATA=$work/data
faas="$work/tool/faas"
trap '"$faas" down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cd "$work"
for i in $(seq 1 "$APPS"); do "$faas" new "f$i" --lang node >/dev/null; done
"$faas" up >/dev/null   # starts the server in the background and deploys v1 of each
walls=(); selfs=(); cpus=()
TIMEFORMAT='%U %S'
for r in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  times=$( { time "$faas" up --json >"$work/up.json"; } 2>&1 )
  end=$(date +%s.%N)
  json=$(cat "$work/up.json")
  echo "$json" | grep -q '"built": 0' || { echo "run $r deployed something: $json"; exit 1; }
  walls+=("$(echo "$end - $start" | bc)")
  cpus+=("$(echo "$times" | awk '{print $1 + $2}')")
  selfs+=("$(echo "$json" | sed -n 's/^  "seconds": \([0-9.]*\).*/\1/p')")
done
wall=$(printf '%s\n' "${walls[@]}" | median); self=$(printf '%s\n' "${selfs[@]}" | median); cpu=$(printf '%s\n' "${cpus[@]}" | median)
human_start=$(date +%s.%N); "$faas" up >/dev/null; human=$(echo "$(date +%s.%N) - $human_start" | bc)
printf '%-44s %s\n' "faas up, $APPS unchanged, whole command (median)" "${wall} s" \
  "faas up, $APPS unchanged, CPU (user+sys, median)" "${cpu} s" \
  "faas up, $APPS unchanged, reported by itself" "${self} s" \
  "faas up, $APPS unchanged, table output (one run)" "${human} s"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v w="$wall" 'BEGIN { print (w < 0.5 ? "target (< 0.5 s): met" : "target (< 0.5 s): NOT met") }'
