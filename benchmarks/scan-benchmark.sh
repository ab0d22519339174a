#!/usr/bin/env bash
# Pages scanned per minute: the Jackon example site (examples/spring-boot-demo, 13 pages) scanned by the
# CLI jar in headless Chromium, three visits a page. Prints the wall time and pages/minute per round.
# Usage: benchmarks/scan-benchmark.sh [ROUNDS]   (env: SKIP_BUILD=1, PORT=18080, PARALLELISM is fixed at 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
port=${PORT:-18080}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -pl examples/spring-boot-demo,consent-cli -am package -DskipTests
fi
out=benchmarks/target/scan
mkdir -p "$out"
java -jar examples/spring-boot-demo/target/jackon-demo.jar --server.port="$port" --server.address=127.0.0.1 \
  --jackon.data-dir="$PWD/$out/data" > "$out/site.log" 2>&1 &
site=$!
trap 'kill $site 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.5
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  start=$(date +%s.%N)
  code=0
  java -jar consent-cli/target/samtykke-cli.jar scan --policy examples/policy/jackon.json \
    --url "http://127.0.0.1:$port/" --max-pages 50 --format json --out "$out/report-$r.json" 2> "$out/progress-$r.log" || code=$?
  end=$(date +%s.%N)
  pages=$(grep -c '^scanned ' "$out/progress-$r.log" || true)
  awk -v s="$start" -v e="$end" -v p="$pages" -v c="$code" -v r="$r" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { t = e - s; printf "round %d: %d pages in %.1f s = %.1f pages/minute (exit %d, load %s)\n", r, p, t, p * 60 / t, c, l }'
done
