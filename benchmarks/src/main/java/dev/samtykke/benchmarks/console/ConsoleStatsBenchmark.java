package dev.samtykke.benchmarks.console;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.StatsReport;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.console.ConsoleAccess;
import dev.samtykke.servlet.console.PrivacyConsole;
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

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The privacy console's stats API over 1,000,000 recorded decisions (spread over 366 days, two policy versions and
 * the policy's locales, with an impression for every fourth): the time of one {@code GET api/stats?days=N} through
 * {@link PrivacyConsole} (authorizer, routing, reading the counters, the report, the JSON), and of the report alone
 * ({@link StatsReport#lastDays}), as sampled latencies (p50, p99 in the output). The target: under 50 ms at p99.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ConsoleStatsBenchmark -p store=memory,h2,postgres \
 *     -jvmArgsAppend "-Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dstats.url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ConsoleStatsBenchmark {

    /** Where the counters are: {@code memory}, {@code h2} (embedded, JDBC) or {@code postgres} (JDBC). */
    @Param({"memory", "h2"})
    public String store;

    /** The days asked for: the default 30, or the largest range, 366. */
    @Param({"30", "366"})
    public int days;

    /** How many decisions are recorded before measuring. */
    @Param({"1000000"})
    public int decisions;

    private StatsFixture fixture;
    private ConsentStats stats;
    private PrivacyConsole console;
    private Map<String, String> query;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        fixture = new StatsFixture();
        stats = fixture.store(store);
        long start = System.nanoTime();
        fixture.fill(stats, store, decisions);
        System.out.printf("%n%,d decisions recorded in %s in %.1f s; table rows: %,d%n", decisions, store,
                (System.nanoTime() - start) / 1e9, fixture.rows());
        Clock clock = Clock.fixed(StatsFixture.TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Samtykke samtykke = Samtykke.builder().policy(StatsFixture.POLICY)
                .keys(KeyRing.fromBase64("b1", Base64.getEncoder().encodeToString(new byte[32]), Map.of()))
                .ledger(new InMemoryConsentLedger()).stats(stats).clock(clock).build();
        console = PrivacyConsole.builder(samtykke, request -> ConsoleAccess.granted("dpo")).build();
        query = Map.of("days", Integer.toString(days));
        FakeExchange.Response check = new FakeExchange.Response();
        console.service(FakeExchange.get("/consent/admin", "/api/stats", query), check.proxy);
        if (check.status != 200 || check.bytes < 100) {
            throw new IllegalStateException("the stats API answered " + check.status + " with " + check.bytes + " bytes");
        }
    }

    @TearDown(Level.Trial)
    public void drop() throws Exception {
        fixture.close();
    }

    /** {@code GET {base}/admin/api/stats?days=N}, answered by the console; returns the bytes of the answer. */
    @Benchmark
    public long statsApi() throws Exception {
        FakeExchange.Response response = new FakeExchange.Response();
        console.service(FakeExchange.get("/consent/admin", "/api/stats", query), response.proxy);
        return response.bytes;
    }

    /** The report alone: the counters of the range read from the store and summed per day. */
    @Benchmark
    public StatsReport report() {
        return StatsReport.lastDays(stats, StatsFixture.TODAY, days);
    }
}
