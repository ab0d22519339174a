package dev.samtykke.benchmarks.ledger;

import java.util.Locale;

/**
 * Bytes per record of the JDBC ledger on PostgreSQL: loads {@code ledger.records} (default 1,000,000) realistic records
 * ({@link ScaleFixture}) into a schema of its own, plain and partitioned by month, prints
 * {@code pg_total_relation_size} (table, TOAST and indexes, over every partition) per record and per million decisions,
 * and drops the schema.
 *
 * <pre>java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.samtykke.benchmarks.ledger.LedgerSize</pre>
 */
public final class LedgerSize {

    private LedgerSize() {
    }

    /**
     * Runs the measurement.
     *
     * @param args none
     * @throws Exception if the database fails
     */
    public static void main(String[] args) throws Exception {
        long records = Long.getLong("ledger.records", 1_000_000);
        for (boolean partitioned : new boolean[] {false, true}) {
            ScaleFixture f = ScaleFixture.load("samtykke_bench_size", records, partitioned);
            try {
                System.out.printf(Locale.ROOT, "%s: %s%n", partitioned ? "partitioned by month" : "one table", f.sizes());
            } finally {
                f.drop();
            }
        }
    }
}
