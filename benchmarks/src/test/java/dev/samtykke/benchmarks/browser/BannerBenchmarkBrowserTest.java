package dev.samtykke.benchmarks.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the banner benchmark (benchmarks/README.md) with two loads per tool in the real Chromium and checks
 * the facts that do not depend on the machine: every tool's first layer was found on every load, so the
 * harness cannot silently measure nothing; Samtykke's first layer (script + style sheet) stays within 6 KiB
 * gzipped; and it shifts no layout. Timings are printed, never asserted.
 */
class BannerBenchmarkBrowserTest {

    private static final Path NODE_MODULES = Path.of("browser/node_modules");
    private static final int LOADS = 2;

    private static Map<BannerTool, List<LoadResult>> results;

    @BeforeAll
    static void runTheBenchmark() throws Exception {
        ChromiumLauncher chromium = ChromiumLauncher.find();
        skipUnless(chromium != null, "no Chromium/ChromeDriver (set SAMTYKKE_TEST_CHROMIUM and SAMTYKKE_TEST_CHROMEDRIVER,"
                + " or apt-get install chromium chromium-driver)");
        skipUnless(Files.isDirectory(NODE_MODULES.resolve("klaro")) && Files.isDirectory(NODE_MODULES.resolve("vanilla-cookieconsent")),
                NODE_MODULES.toAbsolutePath() + " lacks the peers; run .ci/install-test-tools (npm ci)");
        results = BrowserBenchmark.run(chromium, NODE_MODULES, 0, LOADS, System.out);
        System.out.println(new Report(results, Report.versions(NODE_MODULES)).markdown());
    }

    private static void skipUnless(boolean condition, String why) {
        if (!condition) {
            String message = "Banner benchmark SKIPPED: " + why + ". .ci/check-required-tests fails CI on this.";
            System.err.println(message);
            assumeTrue(false, message);
        }
    }

    @Test
    void everyToolsFirstLayerBecomesInteractiveOnEveryLoad() {
        assertThat(results).containsOnlyKeys(BannerTool.values());
        results.forEach((tool, loads) -> {
            assertThat(loads).as(tool.title()).hasSize(LOADS).allSatisfy(load -> {
                assertThat(load.detected()).as(tool.title() + " first layer interactive").isTrue();
                assertThat(load.acceptText()).as(tool.title() + " accept button").isEqualTo("Accept all");
                assertThat(load.scriptMs()).as(tool.title() + " scripting was measured").isPositive();
                assertThat(load.sinceNavigationMs()).as(tool.title()).isGreaterThanOrEqualTo(load.interactiveMs());
                assertThat(load.scriptAndStyleBytes()).as(tool.title() + " script and style sheets were counted").isGreaterThan(1000);
            });
        });
    }

    @Test
    void eachPageLoadsOnlyItsOwnBannersFiles() {
        assertThat(paths(BannerTool.SAMTYKKE)).contains("/consent/banner.js", "/consent/banner.css")
                .noneMatch(p -> p.startsWith("/peers/"));
        assertThat(paths(BannerTool.COOKIECONSENT)).contains("/peers/cookieconsent/cookieconsent.umd.js",
                "/peers/cookieconsent/cookieconsent.css").noneMatch(p -> p.startsWith("/consent"));
        assertThat(paths(BannerTool.KLARO)).contains("/peers/klaro/klaro.js").noneMatch(p -> p.startsWith("/consent"));
    }

    @Test
    void everyResponseIsGzipped() {
        results.values().stream().flatMap(List::stream).flatMap(load -> load.resources().stream())
                .filter(LoadResult.Resource::scriptOrStyle)
                .forEach(r -> assertThat(r.encodedBytes()).as(r.path() + " transferred compressed").isLessThan(r.decodedBytes()));
    }

    @Test
    void samtykkesFirstLayerWeighsAtMostSixKilobytesGzipped() {
        assertThat(results.get(BannerTool.SAMTYKKE))
                .allSatisfy(load -> assertThat(load.scriptAndStyleBytes()).isLessThanOrEqualTo(6 * 1024));
    }

    @Test
    void samtykkesBannerShiftsNoLayout() {
        assertThat(results.get(BannerTool.SAMTYKKE)).allSatisfy(load -> {
            assertThat(load.layoutShift()).isZero();
            assertThat(load.shiftSources()).isEmpty();
        });
    }

    private static List<String> paths(BannerTool tool) {
        return results.get(tool).stream().flatMap(load -> load.resources().stream()).map(LoadResult.Resource::path).toList();
    }
}
