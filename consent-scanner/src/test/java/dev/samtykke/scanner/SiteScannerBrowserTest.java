package dev.samtykke.scanner;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The scanner in Debian's headless Chromium against a real site ({@link ScanTestSite}): each fault is
 * reported as the finding it is, and nothing else; the same site without the faults scans clean.
 * Required in CI ({@code .ci/check-required-tests}): it skips only where no browser is installed.
 */
class SiteScannerBrowserTest {

    static ScanOptions.Builder options(String url) {
        Path chromium = Path.of(env("SAMTYKKE_TEST_CHROMIUM", "/usr/bin/chromium"));
        Path driver = Path.of(env("SAMTYKKE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
        boolean present = Files.isExecutable(chromium) && Files.isExecutable(driver);
        if (!present) {
            System.err.println("Scanner browser tests SKIPPED: no Chromium/ChromeDriver (" + SiteScanner.INSTALL + ")");
        }
        assumeTrue(present, "no Chromium/ChromeDriver");
        return ScanOptions.builder(url).browser(chromium, driver).progress(System.err);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static List<String> summary(ScanReport report) {
        return report.findings().stream().map(f -> f.kind().id() + " " + f.name() + " " + f.state().id()).toList();
    }

    @Test
    void reportsEachFaultOfAMisbehavingSiteAndNothingElse() throws Exception {
        try (ScanTestSite site = ScanTestSite.start(true)) {
            ScanReport report = SiteScanner.scan(ScanTestSite.POLICY, options(site.url("/")).maxPages(1).build());

            assertThat(summary(report)).containsExactlyInAnyOrder(
                    "before-consent _ga none",
                    "after-reject _ga rejected",
                    "undeclared tracking_id none",
                    "undeclared undeclared_key none",
                    "request-before-consent 127.0.0.2 none",
                    "request-before-consent 127.0.0.2 rejected");
            assertThat(report.exitCode()).isEqualTo(1);
            assertThat(report.findings()).allSatisfy(f -> assertThat(f.page()).isEqualTo(site.url("/")));
            assertThat(report.suggestions()).extracting(Suggestion::name).containsExactlyInAnyOrder("tracking_id", "undeclared_key");
            assertThat(ReportFormat.JSON.write(report)).contains("\"kind\" : \"before-consent\"", "\"state\" : \"rejected\"");
            assertThat(ReportFormat.HTML.write(report)).contains("data:image/png;base64,").doesNotContain("src=\"http");
        }
    }

    @Test
    void aSiteThatKeepsItsPolicyScansCleanAcrossItsPages() throws Exception {
        try (ScanTestSite site = ScanTestSite.start(false)) {
            ScanReport report = SiteScanner.scan(ScanTestSite.POLICY, options(site.url("/")).maxPages(5).exclude("/private/").build());

            assertThat(report.pages()).containsExactly(site.url("/"), site.url("/about"));
            assertThat(report.visits()).hasSize(6).allSatisfy(v -> assertThat(v.error()).isNull());
            // Each visit starts from nothing, though the browsers are reused: no consent cookie or
            // analytics key from an earlier "accepted" visit is seen before a decision.
            assertThat(report.visits()).filteredOn(v -> v.state() == VisitState.NONE).allSatisfy(v -> {
                assertThat(v.cookies()).isEmpty();
                assertThat(v.localStorage()).isEmpty();
            });
            assertThat(report.visits()).filteredOn(v -> v.state() == VisitState.ACCEPTED)
                    .allSatisfy(v -> assertThat(v.localStorage()).containsExactly("stats_state"));
            assertThat(summary(report)).isEmpty();
            assertThat(report.exitCode()).isZero();
        }
    }

    @Test
    void sendsTheExtraHeadersAndCookiesInEveryVisit() throws Exception {
        try (ScanTestSite site = ScanTestSite.start(false)) {
            ScanReport report = SiteScanner.scan(ScanTestSite.POLICY, options(site.url("/")).maxPages(1)
                    .header("X-Scan-Test", "yes").cookie("sign_in", "s-1").build());

            assertThat(summary(report)).containsExactlyInAnyOrder("undeclared header_seen none", "undeclared sign_in none");
            assertThat(report.visits()).hasSize(3).allSatisfy(v -> assertThat(v.cookies()).extracting(SeenCookie::name)
                    .contains("header_seen", "sign_in"));
        }
    }
}
