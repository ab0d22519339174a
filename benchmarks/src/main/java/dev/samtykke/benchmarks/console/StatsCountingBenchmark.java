package dev.samtykke.benchmarks.console;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.stats.ConsentStats;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What counting adds to a decision: one {@link ConsentStats#decision} call (the increments of a decision, a method and
 * one grant or denial per consent purpose, on a random day of the year), as the consent endpoint makes it after the
 * ledger recorded the decision. Sampled latencies in microseconds; the target: under 0.2 ms (200 µs) per decision.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StatsCountingBenchmark \
 *     -p store=memory,buffered-h2,buffered-postgres,h2,postgres \
 *     -jvmArgsAppend "-Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dstats.url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class StatsCountingBenchmark {

    /**
     * The store: {@code memory}; {@code buffered-h2} / {@code buffered-postgres} (write-behind, what Spring uses with a
     * JDBC ledger); {@code h2} / {@code postgres} (one transaction per decision).
     */
    @Param({"memory", "buffered-h2", "h2"})
    public String store;

    private static final int DECISIONS = 4096;

    private StatsFixture fixture;
    private ConsentStats stats;
    private final ConsentDecision[] decisions = new ConsentDecision[DECISIONS];
    private final String[] locales = new String[DECISIONS];
    private int next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        fixture = new StatsFixture();
        stats = fixture.store(store);
        for (int i = 0; i < DECISIONS; i++) {
            decisions[i] = fixture.decision();
            locales[i] = fixture.locale();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (stats instanceof AutoCloseable closeable) {
            closeable.close();
        }
        fixture.close();
    }

    /** Counts one decision. */
    @Benchmark
    public void countDecision() {
        int i = next++ & (DECISIONS - 1);
        stats.decision(decisions[i], locales[i]);
    }
}
