package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerVerification;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several application instances, each a JVM of its own ({@link LedgerInstanceMain}, started with this JVM's class path),
 * appending to one ledger at the same time: for the two-JVM test and, through {@link #main}, the multi-instance
 * benchmark (appends/s of one and of two instances in one run).
 */
public final class LedgerInstances {

    /** What one instance reported, from its {@code RESULT} line and its file of acknowledged record ids. */
    record Result(int index, long appended, long measured, int seconds, long failed, long transactions, long headMoved,
                  long deferred, long lockWaitMs, double p50Ms, double p99Ms, List<String> ids, String errors) {

        double appendsPerSecond() {
            return (double) measured / seconds;
        }
    }

    /** A run's instances and what the database holds afterwards. */
    record Run(List<Result> instances, long stored, long duplicateIds, Set<String> storedIds, LedgerVerification verification,
               long progressAtKill) {

        double appendsPerSecond() {
            return instances.stream().mapToDouble(Result::appendsPerSecond).sum();
        }
    }

    private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.NaN]+)");

    private LedgerInstances() {
    }

    /**
     * Starts {@code instances} JVMs on a new schema (PostgreSQL) or database (MariaDB) of the server at {@code serverUrl},
     * lets them append together, waits for them (at most {@code timeout}), then counts and verifies what is stored and
     * drops the schema.
     *
     * @throws IllegalStateException if an instance did not finish in time (it is killed) or exited with an error
     */
    static Run run(String serverUrl, int instances, int threads, int warmup, int seconds, int concurrentWrites, Duration timeout)
            throws IOException, SQLException, InterruptedException {
        return run(serverUrl, instances, threads, warmup, seconds, concurrentWrites, false, null, timeout);
    }

    /**
     * As {@link #run(String, int, int, int, int, int, Duration)}; with {@code separate}, each instance has a ledger of
     * its own (tables {@code multi0_…}, {@code multi1_…}): the control run, where instances share the machine and the
     * database server but no shard. The result then counts the records of all of them. With {@code killLastAfter}, the
     * last instance is killed (SIGKILL, mid-transaction as likely as not) that long after the start and left out of
     * the results; {@link Run#progressAtKill} is then the first instance's acknowledged appends at that moment.
     */
    static Run run(String serverUrl, int instances, int threads, int warmup, int seconds, int concurrentWrites, boolean separate,
                   Duration killLastAfter, Duration timeout) throws IOException, SQLException, InterruptedException {
        String name = "samtykke_instances_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        boolean maria = !serverUrl.startsWith("jdbc:postgresql:");
        JdbcConnectionPool pool = maria ? MariaDbTestDatabases.create(serverUrl, name) : PostgresTestSchemas.create(serverUrl, name);
        Path dir = Files.createTempDirectory("samtykke-instances");
        List<Process> processes = new ArrayList<>();
        try {
            String url = maria ? serverUrl.replaceFirst("^(jdbc:(?:mariadb|mysql)://[^/?]+)(/[^?]*)?", "$1/" + name)
                    : serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name + "&reWriteBatchedInserts=true";
            List<String> prefixes = new ArrayList<>();
            for (int i = 0; i < (separate ? instances : 1); i++) {
                prefixes.add(separate ? "multi" + i + "_" : "multi_");
            }
            List<JdbcConsentLedger> ledgers = new ArrayList<>();
            for (String prefix : prefixes) {
                ledgers.add(JdbcConsentLedger.builder(pool).tablePrefix(prefix).build());
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (int i = 0; i < instances; i++) {
                processes.add(new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-Xshare:off",
                        "-cp", System.getProperty("java.class.path"), LedgerInstanceMain.class.getName(),
                        url, prefixes.get(separate ? i : 0), String.valueOf(threads), String.valueOf(warmup), String.valueOf(seconds),
                        String.valueOf(concurrentWrites), dir.toString(), String.valueOf(i))
                        .redirectOutput(dir.resolve("out-" + i).toFile())
                        .redirectError(dir.resolve("err-" + i).toFile())
                        .start());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < instances; i++) {
                while (!Files.exists(dir.resolve("ready-" + i))) {
                    if (!processes.get(i).isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("instance " + i + " did not start: " + Files.readString(dir.resolve("err-" + i)));
                    }
                    Thread.sleep(10);
                }
            }
            Files.writeString(dir.resolve("go"), "");
            long progressAtKill = -1;
            int survivors = instances;
            if (killLastAfter != null) {
                Thread.sleep(killLastAfter.toMillis());
                progressAtKill = progress(dir.resolve("out-0"));
                processes.get(instances - 1).destroyForcibly().waitFor();
                survivors--;
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < survivors; i++) {
                Process p = processes.get(i);
                long left = Math.max(1, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("instance " + i + " did not finish within " + timeout + " (deadlock?)");
                }
                String errors = Files.readString(dir.resolve("err-" + i));
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("instance " + i + " exited with " + p.exitValue() + ": " + errors);
                }
                results.add(parse(i, Files.readString(dir.resolve("out-" + i)), Files.readAllLines(dir.resolve("ids-" + i)), errors));
            }
            String records = String.join(" UNION ALL ", prefixes.stream()
                    .map(p -> "SELECT record_id FROM " + p + "ledger_record").toList());
            LedgerVerification verification = null;
            for (JdbcConsentLedger ledger : ledgers) {
                verification = ledger.verify();
                if (!verification.isIntact()) {
                    break;
                }
            }
            return new Run(List.copyOf(results), count(pool, "SELECT COUNT(*) FROM (" + records + ") r"),
                    count(pool, "SELECT COUNT(*) FROM (SELECT record_id FROM (" + records + ") r GROUP BY record_id"
                            + " HAVING COUNT(*) > 1) d"),
                    ids(pool, records), verification, progressAtKill);
        } finally {
            processes.forEach(Process::destroyForcibly);
            if (maria) {
                MariaDbTestDatabases.drop(pool, name);
            } else {
                PostgresTestSchemas.drop(pool, name);
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** The last {@code PROGRESS} count an instance printed. */
    private static long progress(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).matches("PROGRESS [0-9]+")) {
                return Long.parseLong(lines.get(i).substring("PROGRESS ".length()));
            }
        }
        return 0;
    }

    private static Result parse(int index, String out, List<String> ids, String errors) {
        String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("instance " + index + " printed no result: " + out + errors));
        Map<String, String> f = new HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        return new Result(index, Long.parseLong(f.get("appended")), Long.parseLong(f.get("measured")), Integer.parseInt(f.get("seconds")),
                Long.parseLong(f.get("failed")), Long.parseLong(f.get("transactions")), Long.parseLong(f.get("headMoved")),
                Long.parseLong(f.get("deferred")), Long.parseLong(f.get("lockWaitMs")), Double.parseDouble(f.get("p50Ms")),
                Double.parseDouble(f.get("p99Ms")), List.copyOf(ids), errors);
    }

    private static Set<String> ids(JdbcConnectionPool pool, String records) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(records)) {
            while (rs.next()) {
                ids.add(rs.getString(1).strip());
            }
        }
        return ids;
    }

    private static long count(JdbcConnectionPool pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The multi-instance benchmark: appends/s of one instance, then of two instances at once, {@code threads} threads
     * each, on fresh tables. Options as {@code -Dname=value}: {@code ledger.url} (default
     * {@code SAMTYKKE_TEST_POSTGRES_URL}), {@code ledger.threads} (16), {@code ledger.warmup} (3), {@code ledger.seconds}
     * (15), {@code ledger.concurrentWrites} (the ledger's default), {@code ledger.instances} (1,2),
     * {@code ledger.separateTables} (false; true: the control run, each instance on a ledger of its own).
     */
    public static void main(String[] args) throws Exception {
        String url = System.getProperty("ledger.url", Optional.ofNullable(System.getenv("SAMTYKKE_TEST_POSTGRES_URL"))
                .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
        int threads = Integer.getInteger("ledger.threads", 16);
        int warmup = Integer.getInteger("ledger.warmup", 3);
        int seconds = Integer.getInteger("ledger.seconds", 15);
        int lanes = Integer.getInteger("ledger.concurrentWrites", JdbcConsentLedger.DEFAULT_CONCURRENT_WRITES);
        System.out.printf("Multi-instance ledger benchmark on %s: %d threads per instance, %d s warm-up, %d s measured,"
                        + " concurrentWrites %d, %d CPUs, load average %s%n", url.replaceAll("password=[^&]*", "password=***"),
                threads, warmup, seconds, lanes, Runtime.getRuntime().availableProcessors(), load());
        for (String n : System.getProperty("ledger.instances", "1,2").split(",")) {
            int instances = Integer.parseInt(n.trim());
            Run run = run(url, instances, threads, warmup, seconds, lanes, Boolean.getBoolean("ledger.separateTables"),
                    null, Duration.ofSeconds(warmup + seconds + 120));
            System.out.printf("instances=%d%s  %7.0f appends/s  (", instances,
                    Boolean.getBoolean("ledger.separateTables") ? " (a ledger each)" : "", run.appendsPerSecond());
            for (Result r : run.instances()) {
                System.out.printf("[%d: %.0f/s p50 %.2f ms p99 %.2f ms, %d transactions, %d head moved, %d deferred, %d ms locking,"
                                + " %d failed] ", r.index(), r.appendsPerSecond(), r.p50Ms(), r.p99Ms(), r.transactions(),
                        r.headMoved(), r.deferred(), r.lockWaitMs(), r.failed());
            }
            System.out.printf(") stored %d, duplicates %d, verify %s; load %s%n", run.stored(), run.duplicateIds(),
                    run.verification().isIntact() ? "intact" : run.verification(), load());
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
