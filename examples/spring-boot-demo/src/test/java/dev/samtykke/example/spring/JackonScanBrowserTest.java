package dev.samtykke.example.spring;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.scanner.Finding;
import dev.samtykke.scanner.FindingKind;
import dev.samtykke.scanner.ReportFormat;
import dev.samtykke.scanner.ScanOptions;
import dev.samtykke.scanner.ScanReport;
import dev.samtykke.scanner.SiteScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Jackon site scanned against its own policy in Debian's headless Chromium, every page in three
 * consent states: no finding, so the example's policy is true. Required in CI
 * ({@code .ci/check-required-tests}): it skips only where no browser is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JackonScanBrowserTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("jackon.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void theSiteKeepsItsPolicyOnEveryPageInEveryState() {
        Path chromium = Path.of(env("SAMTYKKE_TEST_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(env("SAMTYKKE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
                "Scan test SKIPPED: no Chromium/ChromeDriver (" + SiteScanner.INSTALL + ")");
        ConsentPolicy policy = PolicyLoader.fromClasspath("policy/jackon.json");

        ScanReport report = SiteScanner.scan(policy, ScanOptions.builder("http://127.0.0.1:" + port + "/")
                .browser(chromium, driver).maxPages(20).progress(System.err).build());

        System.err.print(ReportFormat.TEXT.write(report));
        // Thirteen pages: home, three products, contact and privacy in two languages, and the stand-ins' JSON.
        assertThat(report.pages()).hasSize(13).contains("http://127.0.0.1:" + port + "/en/contact");
        assertThat(report.visits()).allSatisfy(v -> assertThat(v.error()).as(v.url() + " " + v.state()).isNull());
        assertThat(report.findings()).filteredOn(f -> !f.warning()).isEmpty();
        assertThat(report.exitCode()).isZero();
        // What a crawl that never submits a form cannot see: a session cookie and the campaign cookies.
        assertThat(report.findings()).extracting(Finding::name).allSatisfy(name -> assertThat(name).isIn("JSESSIONID", "_ga_*", "_fbc"));
        assertThat(report.findings()).extracting(Finding::kind).containsOnly(FindingKind.UNUSED);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
