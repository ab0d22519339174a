package dev.samtykke.benchmarks;

import dev.samtykke.servlet.TrackingPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Matching a tracking path, which the filter does on every request before any authentication: the
 * pathological pattern {@code /a/**}{@code /*}{@code /**}{@code /*}{@code /**}{@code /x} on a 2 KB path
 * (a backtracking regular expression took 2.9 s on it), and a usual pattern on a usual path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TrackingPathBenchmark {

    private final TrackingPath.Matcher pathological = TrackingPath.of("/a/**/*/**/*/**/x", "analytics").matcher();
    private final String longPath = "/a/" + "b/".repeat(1022) + "y";
    private final TrackingPath.Matcher usual = TrackingPath.of("/api/**/track", "analytics").matcher();
    private final String usualPath = "/api/v1/orders/42";

    /** The pathological pattern on a 2,048-character path of 1,024 segments (no match). */
    @Benchmark
    public boolean pathologicalPatternOnTwoKilobytePath() {
        return pathological.matches(longPath);
    }

    /** {@code /api/**}{@code /track} on a four-segment path (no match). */
    @Benchmark
    public boolean usualPatternOnUsualPath() {
        return usual.matches(usualPath);
    }
}
