package dev.samtykke.benchmarks.filter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The calls of {@link ConsentFilterBenchmark} measured in the CPU time of the calling thread rather than
 * in wall time, for a machine shared with other work: time the thread spends waiting for a core is not
 * counted, so the figures stay usable at a load average far above the number of cores (the caches that
 * other processes disturb still count). After a warm-up, it runs slices of about {@code slice} ms of
 * CPU time, alternating the consent filter and the pass-through filter, and prints per variant the
 * median and the lowest CPU nanoseconds per call over the slices, and the filter's median excess over
 * the pass-through.
 *
 * <pre>java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar \
 *     dev.samtykke.benchmarks.filter.FilterCpuTime [cookies=consent] [warmup=10000] [slices=40] [slice=250]</pre>
 */
public final class FilterCpuTime {

    private FilterCpuTime() {
    }

    private interface Call {
        long run() throws Exception;
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code key=value}: {@code cookies} ({@code consent} or {@code consent+3}), {@code warmup}
     *             (ms of CPU time per variant), {@code slices}, {@code slice} (ms of CPU time)
     * @throws Exception if the fixture fails
     */
    public static void main(String[] args) throws Exception {
        String cookies = "consent";
        long warmupMs = 10_000;
        int slices = 40;
        long sliceMs = 250;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "cookies" -> cookies = kv[1];
                case "warmup" -> warmupMs = Long.parseLong(kv[1]);
                case "slices" -> slices = Integer.parseInt(kv[1]);
                case "slice" -> sliceMs = Long.parseLong(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        FilterFixture fixture = new FilterFixture(cookies);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Call[] calls = {fixture::filtered, fixture::passThrough};
        String[] names = {"filtered", "passThrough"};
        for (Call call : calls) {
            measure(threads, call, warmupMs);
        }
        double[][] perCall = new double[calls.length][slices];
        for (int s = 0; s < slices; s++) {
            for (int k = 0; k < calls.length; k++) {
                int v = (s + k) % calls.length; // which goes first alternates
                perCall[v][s] = measure(threads, calls[v], sliceMs);
            }
        }
        double[] excess = new double[slices];
        for (int s = 0; s < slices; s++) {
            excess[s] = perCall[0][s] - perCall[1][s];
        }
        System.out.printf(Locale.ROOT, "# cookies=%s, %d slices of %d ms CPU time per variant, after %d ms warm-up%n",
                cookies, slices, sliceMs, warmupMs);
        for (int v = 0; v < calls.length; v++) {
            double[] sorted = perCall[v].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-12s median %8.1f  min %8.1f  CPU ns/call%n", names[v], median(sorted),
                    sorted[0]);
        }
        double[] sortedExcess = excess.clone();
        Arrays.sort(sortedExcess);
        System.out.printf(Locale.ROOT, "%-12s median %8.1f  CPU ns/call (filtered - passThrough, per slice)%n",
                "excess", median(sortedExcess));
    }

    /** CPU nanoseconds per call over about {@code ms} of CPU time. */
    private static double measure(ThreadMXBean threads, Call call, long ms) throws Exception {
        long budget = ms * 1_000_000L;
        long start = threads.getCurrentThreadCpuTime();
        long calls = 0;
        long sink = 0;
        long now;
        do {
            for (int i = 0; i < 1000; i++) {
                sink += call.run();
            }
            calls += 1000;
            now = threads.getCurrentThreadCpuTime();
        } while (now - start < budget);
        if (sink == 42) {
            System.out.print("");
        }
        return (double) (now - start) / calls;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
