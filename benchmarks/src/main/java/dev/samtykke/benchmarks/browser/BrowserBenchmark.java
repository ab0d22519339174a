package dev.samtykke.benchmarks.browser;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The banner benchmark: Samtykke's banner against CookieConsent and Klaro, each on the same page of one
 * local {@link BenchSite}, in Debian's Chromium with 4x CPU throttling, a fresh browser per load. The loads
 * run in rounds, each round loading every tool once (the first tool rotating), so that background load
 * falls on all three alike; one unrecorded round warms the server up first. Prints a Markdown table of
 * medians (min–max); see benchmarks/README.md.
 *
 * <pre>java -cp … dev.samtykke.benchmarks.browser.BrowserBenchmark [--loads 10] [--warm-up 1] [--node-modules benchmarks/browser/node_modules] [--out DIR]</pre>
 */
public final class BrowserBenchmark {

    private BrowserBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int loads = 10;
        int warmUp = 1;
        Path nodeModules = Path.of("benchmarks/browser/node_modules");
        Path out = Path.of("benchmarks/target/browser-benchmark");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--loads" -> loads = Integer.parseInt(args[i + 1]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[i + 1]);
                case "--node-modules" -> nodeModules = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        ChromiumLauncher chromium = ChromiumLauncher.find();
        if (chromium == null) {
            throw new IllegalStateException("no Chromium/ChromeDriver: apt-get install chromium chromium-driver,"
                    + " or set SAMTYKKE_TEST_CHROMIUM and SAMTYKKE_TEST_CHROMEDRIVER");
        }
        Map<BannerTool, List<LoadResult>> results = run(chromium, nodeModules, warmUp, loads, System.err);
        Report report = new Report(results, Report.versions(nodeModules));
        Files.createDirectories(out);
        Files.writeString(out.resolve("loads.tsv"), report.tsv());
        System.out.println(report.markdown());
        System.out.println("per-load figures: " + out.resolve("loads.tsv"));
    }

    /**
     * Runs {@code warmUp} rounds that are not recorded (so that the server's JIT has compiled its paths, for
     * Samtykke's endpoints and the peers' static files alike), then {@code loads} rounds.
     *
     * @param progress where one line per load goes
     * @return each tool's loads, in order
     */
    static Map<BannerTool, List<LoadResult>> run(ChromiumLauncher chromium, Path nodeModules, int warmUp, int loads,
            PrintStream progress) throws Exception {
        Map<BannerTool, List<LoadResult>> results = new EnumMap<>(BannerTool.class);
        BannerTool[] tools = BannerTool.values();
        try (BenchSite site = BenchSite.start(nodeModules)) {
            for (int round = 0; round < warmUp; round++) {
                for (BannerTool tool : tools) {
                    PageLoad.measure(chromium, site, tool);
                }
                progress.printf("warm-up round %d done%n", round + 1);
            }
            for (int round = 0; round < loads; round++) {
                for (int i = 0; i < tools.length; i++) {
                    BannerTool tool = tools[(round + i) % tools.length];
                    LoadResult result = PageLoad.measure(chromium, site, tool);
                    results.computeIfAbsent(tool, t -> new ArrayList<>()).add(result);
                    progress.printf("round %d %-13s detected=%s script=%.1f ms visible=%.1f ms interactive=%.1f ms"
                            + " cls=%.4f bytes=%d%n", round + 1, tool.title(), result.detected(), result.scriptMs(),
                            result.visibleMs(), result.interactiveMs(), result.layoutShift(), result.bannerBytes());
                }
            }
        }
        return results;
    }
}
