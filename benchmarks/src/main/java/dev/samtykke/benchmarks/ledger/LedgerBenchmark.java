package dev.samtykke.benchmarks.ledger;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.policy.PolicyVersion;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The consent ledger on PostgreSQL: appends per second with 1, 4 and 16 threads, and the latency of
 * {@code latest(subject)} with 1,000,000 records stored. A bounded plain-Java run (not JMH: it measures a
 * database round trip, not a method). Options, as {@code -Dname=value}:
 * <ul>
 *   <li>{@code ledger.url}: the JDBC URL (default: {@code SAMTYKKE_TEST_POSTGRES_URL}, else
 *       {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres})</li>
 *   <li>{@code ledger.threads}: thread counts of the append runs (default {@code 1,4,16})</li>
 *   <li>{@code ledger.seconds}: measured seconds per append run, after 3 s of warm-up (default 15)</li>
 *   <li>{@code ledger.records}: records stored for the look-up run (default 1000000; kept between runs in
 *       schema {@code samtykke_bench}, so only the first run fills it)</li>
 *   <li>{@code ledger.lookups}: measured {@code latest} calls (default 50000, after 5000 of warm-up)</li>
 *   <li>{@code ledger.concurrentWrites}: the ledger's {@code concurrentWrites} (default: the ledger's default, 2)</li>
 * </ul>
 */
public final class LedgerBenchmark {

    private static final String SCHEMA = "samtykke_bench";
    private static final PolicyVersion VERSION = new PolicyVersion(1, 0);
    private static final String NOTICE = "ab".repeat(32);

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("ledger.url", Optional.ofNullable(System.getenv("SAMTYKKE_TEST_POSTGRES_URL"))
                .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        int[] threadCounts = Arrays.stream(System.getProperty("ledger.threads", "1,4,16").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("ledger.seconds", 15);
        int records = Integer.getInteger("ledger.records", 1_000_000);
        int lookups = Integer.getInteger("ledger.lookups", 50_000);

        System.out.printf("Ledger benchmark on %s, %d CPUs, load average at start: %s%n",
                url.replaceAll("password=[^&]*", "password=***"), Runtime.getRuntime().availableProcessors(), load());
        PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
        pg.setURL(url);
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        }
        pg.setCurrentSchema(SCHEMA);
        pg.setReWriteBatchedInserts(true);
        JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
        pool.setMaxConnections(40);
        try {
            for (int threads : threadCounts) {
                appends(pool, threads, seconds);
            }
            if (records > 0) {
                latest(pool, records, lookups);
            }
        } finally {
            pool.dispose();
        }
        System.out.printf("load average at end: %s%n", load());
    }

    // ------------------------------------------------------------------ appends

    private static void appends(JdbcConnectionPool pool, int threads, int seconds) throws Exception {
        dropTables(pool, "append_");
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(pool).tablePrefix("append_")
                .concurrentWrites(Integer.getInteger("ledger.concurrentWrites", JdbcConsentLedger.DEFAULT_CONCURRENT_WRITES)).build();
        String[] subjects = new String[100_000];
        for (int i = 0; i < subjects.length; i++) {
            subjects[i] = subjectId(i + 10_000_000);
        }
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(executor.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long[] latencies = new long[16_384];
                int n = 0;
                ready.countDown();
                while (!stop.get()) {
                    NewConsentRecord r = newRecord(subjects[random.nextInt(subjects.length)], random.nextBoolean(), random.nextBoolean());
                    long start = System.nanoTime();
                    ledger.append(r);
                    long took = System.nanoTime() - start;
                    if (measuring.get()) {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = took;
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        ready.await();
        Thread.sleep(3_000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        executor.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        LedgerVerification v = ledger.verify();
        System.out.printf("append  threads=%2d  %8.0f appends/s  latency p50=%.2f ms p99=%.2f ms  (%d appends in %.1f s; verify: %s; load %s)%n",
                threads, merged.length / elapsed, ms(merged, 0.50), ms(merged, 0.99), merged.length, elapsed,
                v.isIntact() ? "intact" : v.firstProblem().orElseThrow().message(), load());
        dropTables(pool, "append_");
    }

    // ------------------------------------------------------------------ latest

    private static void latest(JdbcConnectionPool pool, int records, int lookups) {
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(pool).tablePrefix("latest_").build();
        int perSubject = 4;
        int subjects = records / perSubject;
        long stored = count(pool);
        if (stored < records) {
            System.out.printf("filling latest_ledger_record: %d of %d records present%n", stored, records);
            long start = System.nanoTime();
            List<NewConsentRecord> batch = new ArrayList<>(1000);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long i = stored; i < records; i++) {
                batch.add(newRecord(subjectId((int) (i % subjects)), random.nextBoolean(), random.nextBoolean()));
                if (batch.size() == 1000) {
                    ledger.appendAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                ledger.appendAll(batch);
            }
            System.out.printf("filled in %.0f s%n", (System.nanoTime() - start) / 1e9);
        }
        long total = count(pool);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 5_000; i++) {
            ledger.latest(subjectId(random.nextInt(subjects)));
        }
        long[] latencies = new long[lookups];
        int misses = 0;
        for (int i = 0; i < lookups; i++) {
            String subject = subjectId(random.nextInt(subjects));
            long start = System.nanoTime();
            boolean found = ledger.latest(subject).isPresent();
            latencies[i] = System.nanoTime() - start;
            if (!found) {
                misses++;
            }
        }
        Arrays.sort(latencies);
        System.out.printf("latest  records=%d  p50=%.3f ms p90=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms  (%d look-ups, %d misses; load %s)%n",
                total, ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), ms(latencies, 0.999),
                latencies[latencies.length - 1] / 1e6, lookups, misses, load());
        long start = System.nanoTime();
        LedgerVerification v = ledger.verify();
        System.out.printf("verify  records=%d  %.1f s  %s%n", v.recordsChecked(), (System.nanoTime() - start) / 1e9, v);
    }

    // ------------------------------------------------------------------ helpers

    private static NewConsentRecord newRecord(String subject, boolean analytics, boolean marketing) {
        Instant now = Instant.now();
        ConsentDecision d = new ConsentDecision(subject, "jackon", VERSION, Map.of("analytics", analytics, "marketing", marketing),
                analytics && marketing ? ConsentMethod.ACCEPT_ALL : ConsentMethod.CUSTOM, now, now.plus(Duration.ofDays(365)));
        return new NewConsentRecord(d, "nb", "/", NOTICE);
    }

    /** A 22-character id like the evaluator's, derived from a number so that runs find the same subjects. */
    private static String subjectId(int i) {
        return String.format("s%021d", i);
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static long count(JdbcConnectionPool pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM latest_ledger_record")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void dropTables(JdbcConnectionPool pool, String prefix) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("ledger_record", "ledger_shard", "ledger_meta")) {
                s.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
