package dev.samtykke.benchmarks.filter;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * {@code ConsentFilter.doFilter} for one typical request, without a container ({@link FilterFixture}), and
 * beside it the same chain behind a filter that only passes the request on: the difference is what
 * {@code ConsentFilter} costs per request in itself, the container's share (header look-ups, attributes)
 * being that of {@link FakeRequest}.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ConsentFilterBenchmark -prof gc -jvmArgsAppend "-Xms1g -Xmx1g -XX:+AlwaysPreTouch"</pre>
 *
 * On a loaded machine, {@link FilterCpuTime} measures the same calls in CPU time instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ConsentFilterBenchmark {

    /** Which cookies the request carries besides the consent cookie: none ({@code wrk}'s), or a browser's few. */
    @Param({"consent", "consent+3"})
    public String cookies;

    private FilterFixture fixture;

    @Setup
    public void setUp() throws Exception {
        fixture = new FilterFixture(cookies);
    }

    /** The request through {@code ConsentFilter}. */
    @Benchmark
    public long filtered() throws Exception {
        return fixture.filtered();
    }

    /** The request through a filter that only passes it on. */
    @Benchmark
    public long passThrough() throws Exception {
        return fixture.passThrough();
    }
}
