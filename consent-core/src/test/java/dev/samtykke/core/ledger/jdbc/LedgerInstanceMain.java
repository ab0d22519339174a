package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.policy.PolicyVersion;
import org.h2.jdbcx.JdbcConnectionPool;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

import javax.sql.ConnectionPoolDataSource;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One application instance of the multi-instance test and benchmark ({@link LedgerInstances} starts it as a JVM of its
 * own): opens a {@link JdbcConsentLedger} on the database, marks itself ready, waits for the go signal, appends from
 * {@code threads} threads for {@code warmup + seconds} seconds (random subjects from a pool shared by every instance),
 * writes the id of every acknowledged record to a file, and prints one {@code RESULT} line (and, meanwhile, a
 * {@code PROGRESS} line with the appends acknowledged so far every 100 ms).
 *
 * <p>Arguments: {@code url prefix threads warmupSeconds seconds concurrentWrites dir index}; the URL names the schema
 * (PostgreSQL {@code currentSchema=}) or database (MariaDB) to use.
 */
public final class LedgerInstanceMain {

    /** Subjects shared by every instance, so that instances write the same shards and subjects. */
    static final int SUBJECTS = 100_000;
    private static final PolicyVersion VERSION = new PolicyVersion(1, 0);
    private static final String NOTICE = "ab".repeat(32);

    private LedgerInstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        int threads = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int concurrentWrites = Integer.parseInt(args[5]);
        Path dir = Path.of(args[6]);
        int index = Integer.parseInt(args[7]);

        JdbcConnectionPool pool = JdbcConnectionPool.create(dataSource(url));
        pool.setMaxConnections(threads + 4);
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(pool).tablePrefix(prefix).concurrentWrites(concurrentWrites).build();
        ledger.shards(); // the schema is there (created by the first instance to get to it)
        Files.writeString(dir.resolve("ready-" + index), "");
        while (!Files.exists(dir.resolve("go"))) {
            Thread.sleep(5);
        }

        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong failed = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicInteger reported = new AtomicInteger();
        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    System.out.println("PROGRESS " + acknowledged.get());
                    System.out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "progress");
        progress.setDaemon(true);
        progress.start();
        List<Thread> workers = new ArrayList<>();
        List<String>[] ids = new List[threads];
        long[][] latencies = new long[threads][];
        int[] measured = new int[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            ids[me] = new ArrayList<>();
            latencies[me] = new long[16_384];
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    NewConsentRecord r = record(String.format("s%021d", random.nextInt(SUBJECTS)), random.nextBoolean());
                    try {
                        ConsentRecord written = ledger.append(r);
                        long done = System.nanoTime();
                        ids[me].add(written.recordId());
                        acknowledged.incrementAndGet();
                        if (now >= measureFrom && done <= end) {
                            if (measured[me] == latencies[me].length) {
                                latencies[me] = Arrays.copyOf(latencies[me], measured[me] * 2);
                            }
                            latencies[me][measured[me]++] = done - now;
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        if (reported.getAndIncrement() < 3) {
                            System.err.println("instance " + index + ": append failed: " + e);
                        }
                    }
                }
            }, "append-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long appended = 0;
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("ids-" + index))) {
            for (List<String> list : ids) {
                appended += list.size();
                for (String id : list) {
                    out.write(id);
                    out.newLine();
                }
            }
        }
        long[] all = new long[Arrays.stream(measured).sum()];
        int n = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, n, measured[t]);
            n += measured[t];
        }
        Arrays.sort(all);
        WriteContention.Snapshot c = ledger.contention();
        System.out.printf("RESULT appended=%d measured=%d seconds=%d failed=%d transactions=%d headMoved=%d deferred=%d"
                        + " lockWaitMs=%d p50Ms=%.2f p99Ms=%.2f%n",
                appended, all.length, seconds, failed.get(), c.transactions(), c.headMoved(), c.deferred(),
                c.lockWaitNanos() / 1_000_000, quantile(all, 0.5), quantile(all, 0.99));
        pool.dispose();
    }

    static ConnectionPoolDataSource dataSource(String url) throws SQLException {
        if (url.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setURL(url);
            return pg;
        }
        return new MariaDbDataSource(url);
    }

    private static NewConsentRecord record(String subject, boolean accept) {
        Instant now = Instant.now();
        ConsentDecision d = new ConsentDecision(subject, "jackon", VERSION, Map.of("analytics", accept, "marketing", accept),
                accept ? ConsentMethod.ACCEPT_ALL : ConsentMethod.REJECT_ALL, now, now.plus(Duration.ofDays(365)));
        return new NewConsentRecord(d, "nb", "/", NOTICE);
    }

    private static double quantile(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }
}
