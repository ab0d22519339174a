#!/usr/bin/env bash
# Load benchmark of ConsentFilter: the same page with and without the filter, and behind a filter
# that only passes the request on (the floor of any filter in Jetty), in one embedded Jetty on
# 127.0.0.1, requests carrying a valid consent cookie of the reference policy.
#
#   benchmarks/load/filter-load.sh            # build, 30 s warm-up per path, 6 rounds of 5 x 2 s per path (3 paths)
#   ROUNDS=8 SLICES=10 benchmarks/load/filter-load.sh
#   SKIP_BUILD=1 benchmarks/load/filter-load.sh   # reuse the last build
#
# The server is pinned to one core and wrk to another (taskset). A round alternates the three paths
# SLICES times, SLICE seconds each (which goes first rotates too), so that all see the same
# background load on a shared machine; per round and path it adds up the requests and the server's
# CPU time (utime+stime from /proc/PID/stat). The summary gives the median over rounds of the
# throughput ratio (filtered / plain), of the CPU time per request, and of the CPU time the filter adds.
# Needs: wrk (apt-get install -y wrk), taskset (util-linux), Java 17, Maven.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${ROUNDS:-6}
SLICES=${SLICES:-5}
SLICE=${SLICE:-2}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-16}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
OUT="$ROOT/benchmarks/target/filter-load"
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset is missing (util-linux)" >&2; exit 1; }

if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$ROOT/benchmarks/target/runtime-classpath.txt" ]; then
echo "== build" >&2
mvn -B -q -f "$ROOT/pom.xml" -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime >&2
fi
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/runtime-classpath.txt")"

echo "== start server on CPU $SERVER_CPU" >&2
taskset -c "$SERVER_CPU" java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp "$CP" \
    dev.samtykke.benchmarks.load.FilterLoadServer --policy "$ROOT/examples/policy/jackon.json" \
    > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    grep -q '^PORT ' "$OUT/server.log" 2>/dev/null && break
    kill -0 "$PID" 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
    sleep 0.5
done
PORT=$(sed -n 's/^PORT //p' "$OUT/server.log")
COOKIE=$(sed -n 's/^COOKIE //p' "$OUT/server.log")
[ -n "$PORT" ] || { echo "server did not start" >&2; cat "$OUT/server.log" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT"
curl -sf -o /dev/null -H "Cookie: $COOKIE" "$BASE/f/page"
curl -sf -H "Cookie: $COOKIE" "$BASE/consent" | grep -q '"needsPrompt":false' \
    || { echo "the benchmark cookie is not accepted" >&2; exit 1; }

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

# run NAME PATH DURATION -> prints "requests cpu_ticks"
run() {
    local before after requests
    before=$(cpu_ticks)
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNECTIONS" -d"$3" -H "Cookie: $COOKIE" "$BASE$2" > "$OUT/$1.txt"
    after=$(cpu_ticks)
    if grep -q 'Non-2xx' "$OUT/$1.txt"; then echo "non-2xx answers in $1" >&2; exit 1; fi
    requests=$(awk '/requests in/ {print $1}' "$OUT/$1.txt")
    echo "$requests $((after - before))"
}

echo "== uptime: $(uptime)" | tee "$OUT/uptime.txt" >&2
echo "== warm-up $WARMUP per path" >&2
run warmup-plain /a/page "$WARMUP" >/dev/null
run warmup-filtered /f/page "$WARMUP" >/dev/null
run warmup-pass /n/page "$WARMUP" >/dev/null

RESULTS="$OUT/rounds.tsv"
printf 'round\tplain_rps\tfiltered_rps\tratio\tplain_cpu_us\tfiltered_cpu_us\tadded_cpu_us\tpass_rps\tpass_ratio\tpass_cpu_us\tadded_over_pass_cpu_us\n' > "$RESULTS"
ARMS=(plain filtered pass)
PATHS=(/a/page /f/page /n/page)
for round in $(seq 1 "$ROUNDS"); do
    req=(0 0 0) ticks=(0 0 0)
    for slice in $(seq 1 "$SLICES"); do
        first=$(((round + slice) % 3))
        for k in 0 1 2; do
            i=$(((first + k) % 3))
            read -r n t < <(run "r$round-s$slice-${ARMS[$i]}" "${PATHS[$i]}" "${SLICE}s")
            req[$i]=$((req[i] + n)) ticks[$i]=$((ticks[i] + t))
        done
    done
    awk -v r="$round" -v pn="${req[0]}" -v pt="${ticks[0]}" -v fn="${req[1]}" -v ft="${ticks[1]}" \
        -v nn="${req[2]}" -v nt="${ticks[2]}" -v s=$((SLICES * SLICE)) -v hz="$TICK" \
        'BEGIN {pc = pt * 1e6 / hz / pn; fc = ft * 1e6 / hz / fn; nc = nt * 1e6 / hz / nn;
                printf "%d\t%.1f\t%.1f\t%.3f\t%.2f\t%.2f\t%.2f\t%.1f\t%.3f\t%.2f\t%.2f\n",
                       r, pn / s, fn / s, fn / pn, pc, fc, fc - pc, nn / s, nn / pn, nc, fc - nc}' \
        | tee -a "$RESULTS" >&2
done

median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { tail -n +2 "$RESULTS" | cut -f"$1" | median; }
echo
echo "load average at start: $(cut -d, -f3- "$OUT/uptime.txt" | sed 's/^ *//')"
echo "rounds: $ROUNDS, each $SLICES x ${SLICE}s per path alternating, after $WARMUP warm-up per path; wrk -t1 -c$CONNECTIONS on CPU $WRK_CPU, server on CPU $SERVER_CPU"
echo
echo "| measure (median of $ROUNDS rounds) | without filter | with ConsentFilter | with a pass-through filter |"
echo "| --- | --- | --- | --- |"
echo "| throughput (requests/s) | $(col 2) | $(col 3) | $(col 8) |"
echo "| server CPU per request (µs) | $(col 5) | $(col 6) | $(col 10) |"
echo
echo "median throughput ratio, ConsentFilter / without: $(col 4)"
echo "median CPU added per request by ConsentFilter (µs): $(col 7)"
echo "median throughput ratio, pass-through filter / without: $(col 9)"
echo "median CPU ConsentFilter adds over a pass-through filter (µs): $(col 11)"
