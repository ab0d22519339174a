package dev.samtykke.cli;

import dev.samtykke.scanner.ScanTestSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.samtykke.cli.SamtykkeCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scan} against a real site in Debian's headless Chromium. Required in CI
 * ({@code .ci/check-required-tests}): it skips only where no browser is installed.
 */
class ScanCommandBrowserTest {

    private static String chromium;
    private static String chromedriver;

    @TempDir
    Path dir;

    @BeforeAll
    static void browser() {
        chromium = env("SAMTYKKE_TEST_CHROMIUM", "/usr/bin/chromium");
        chromedriver = env("SAMTYKKE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        boolean present = Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(chromedriver));
        if (!present) {
            System.err.println("CLI scan browser test SKIPPED: no Chromium/ChromeDriver (apt-get install -y chromium chromium-driver)");
        }
        assumeTrue(present, "no Chromium/ChromeDriver");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private Path policy() throws IOException {
        Path file = dir.resolve("policy.json");
        try (InputStream in = ScanTestSite.class.getClassLoader().getResourceAsStream("site/policy.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @Test
    void scanOfAMisbehavingSiteWritesAJunitReportAndExitsOne() throws Exception {
        try (ScanTestSite site = ScanTestSite.start(true)) {
            Path report = dir.resolve("scan.xml");

            SamtykkeCliTest.Result r = run("scan", "--policy", policy().toString(), "--url", site.url("/"), "--max-pages", "1",
                    "--format", "junit", "--out", report.toString(), "--chromium", chromium, "--chromedriver", chromedriver);

            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains("scanned 1 page(s), 0 queued", "1 page(s) scanned: 6 finding(s), 0 warning(s)");
            assertThat(Files.readString(report, StandardCharsets.UTF_8)).contains("failures=\"6\"",
                    "classname=\"samtykke.scan.before-consent\" name=\"_ga (none, " + site.url("/") + ")\"");
        }
    }

    @Test
    void anUnreachableSiteExitsTwo() throws Exception {
        String url;
        try (ScanTestSite site = ScanTestSite.start(false)) {
            url = site.url("/");
        }

        SamtykkeCliTest.Result r = run("scan", "--policy", policy().toString(), "--url", url,
                "--chromium", chromium, "--chromedriver", chromedriver);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("samtykke: cannot load " + url);
    }

    @Test
    void aMissingBrowserExitsTwoNamingTheInstallCommand() throws Exception {
        SamtykkeCliTest.Result r = run("scan", "--policy", policy().toString(), "--url", "http://127.0.0.1:9/",
                "--chromium", dir.resolve("no-chromium").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("apt-get install -y chromium chromium-driver");
    }

    @Test
    void scanNeedsAPolicyAndAUrl() {
        assertThat(run("scan", "--url", "http://127.0.0.1/").code()).isEqualTo(2);
        SamtykkeCliTest.Result r = run("scan", "--policy", "p.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("scan needs at least one --url URL");
    }
}
