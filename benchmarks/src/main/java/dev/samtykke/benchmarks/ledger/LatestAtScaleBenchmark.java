package dev.samtykke.benchmarks.ledger;

import dev.samtykke.core.ledger.ConsentRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code JdbcConsentLedger.latest(subject)} on PostgreSQL with {@code records} (default 10,000,000) records, in one
 * table and partitioned by month (25 monthly partitions), one thread, JMH sample time (p50, p99, p99.9 per call).
 * The trial loads the rows ({@link ScaleFixture}) into schema {@code samtykke_bench_scale} and drops it at the end.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LatestAtScaleBenchmark -jvmArgsAppend "-Xms1g -Xmx1g"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 20)
public class LatestAtScaleBenchmark {

    /** {@code plain} or {@code monthly}. */
    @Param({"plain", "monthly"})
    public String layout;

    /** How many records are loaded. */
    @Param({"10000000"})
    public long records;

    private ScaleFixture fixture;
    private String[] subjects;
    private final SplittableRandom random = new SplittableRandom(42);

    /**
     * Loads the rows and reads 100,000 of the loaded subject ids to look up.
     *
     * @throws Exception if the database fails
     */
    @Setup(Level.Trial)
    public void load() throws Exception {
        fixture = ScaleFixture.load("samtykke_bench_scale", records, layout.equals("monthly"));
        List<String> ids = new ArrayList<>();
        try (Connection c = fixture.pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 'S' || substr(md5('s' || k), 1, 21) FROM generate_series(0::bigint, "
                     + (records / ScaleFixture.RECORDS_PER_SUBJECT - 1) + "::bigint) k ORDER BY random() LIMIT 100000")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        subjects = ids.toArray(String[]::new);
        if (fixture.ledger.latest(subjects[0]).isEmpty()) {
            throw new IllegalStateException("the loaded subjects are not found");
        }
        System.err.println("# " + layout + ": " + fixture.sizes() + "; load average " + loadAverage());
    }

    /**
     * Drops the schema.
     *
     * @throws Exception if the database fails
     */
    @TearDown(Level.Trial)
    public void drop() throws Exception {
        System.err.println("# load average at the end: " + loadAverage());
        fixture.drop();
    }

    /** One look-up of a random loaded subject. */
    @Benchmark
    public Optional<ConsentRecord> latest() {
        return fixture.ledger.latest(subjects[random.nextInt(subjects.length)]);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
