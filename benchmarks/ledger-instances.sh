#!/usr/bin/env bash
# The multi-instance ledger benchmark: appends/s of one application instance, then of two at once (each a JVM of its
# own, 16 threads each) on one PostgreSQL (or MariaDB) ledger, with each instance's contention counts.
# Usage: benchmarks/ledger-instances.sh [-Dledger.url=jdbc:...] [-Dledger.seconds=15] [-Dledger.threads=16] ...
# (see dev.samtykke.core.ledger.jdbc.LedgerInstances). SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl consent-core test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
exec java -Xms256m -Xmx256m -cp "consent-core/target/test-classes:consent-core/target/classes:$(cat consent-core/target/test-classpath.txt)" \
  "$@" dev.samtykke.core.ledger.jdbc.LedgerInstances
