#!/usr/bin/env bash
# Banner weight and speed against the peers: Samtykke's banner, CookieConsent and Klaro, each on the same
# page of one local Jetty (gzip for all), loaded in Debian's headless Chromium with 4x CPU throttling and a
# fresh browser per load; rounds load every tool once, the first tool rotating. Method and figures:
# benchmarks/README.md, "Banner weight and speed against the peers".
#
#   benchmarks/browser/run.sh                 # build, then 10 loads per tool (about 3 minutes on a quiet machine)
#   LOADS=20 WARMUP=2 benchmarks/browser/run.sh   # WARMUP: unrecorded rounds first (default 1)
#   SKIP_BUILD=1 benchmarks/browser/run.sh    # reuse the last build
#
# Needs: chromium and chromium-driver (or SAMTYKKE_TEST_CHROMIUM / SAMTYKKE_TEST_CHROMEDRIVER), npm, Java 17, Maven.
# Per-load figures: benchmarks/target/browser-benchmark/loads.tsv
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOADS=${LOADS:-10}
WARMUP=${WARMUP:-1}

if [ ! -d "$ROOT/benchmarks/browser/node_modules/klaro" ] || [ ! -d "$ROOT/benchmarks/browser/node_modules/vanilla-cookieconsent" ]; then
  echo "== npm ci (the peers, pinned by benchmarks/browser/package-lock.json)" >&2
  npm ci --prefix "$ROOT/benchmarks/browser" --omit=peer --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$ROOT/benchmarks/target/runtime-classpath.txt" ]; then
  echo "== build" >&2
  mvn -B -q -f "$ROOT/pom.xml" -pl benchmarks -am -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime >&2
fi
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/runtime-classpath.txt")"

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs, $(chromium --version 2>/dev/null || echo chromium)" >&2
cd "$ROOT"
java -cp "$CP" dev.samtykke.benchmarks.browser.BrowserBenchmark --loads "$LOADS" --warm-up "$WARMUP" \
    --node-modules benchmarks/browser/node_modules --out benchmarks/target/browser-benchmark
echo "== done at $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
