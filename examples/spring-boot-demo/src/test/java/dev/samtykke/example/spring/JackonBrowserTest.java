package dev.samtykke.example.spring;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The site in a real browser (Debian's headless Chromium, from SAMTYKKE_TEST_CHROMIUM /
 * SAMTYKKE_TEST_CHROMEDRIVER or /usr/bin; skipped with a message when there is none): the banner asks,
 * the gated tags stay inert until the visitor accepts, and then report to the local stand-ins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JackonBrowserTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("jackon.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    StandInCollector collector;

    private ChromeDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        Path chromium = locate("SAMTYKKE_TEST_CHROMIUM", "/usr/bin/chromium");
        Path driver = locate("SAMTYKKE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        assumeTrue(chromium != null && driver != null, "Browser test SKIPPED: no Chromium/ChromeDriver (apt-get install"
                + " chromium chromium-driver, or set SAMTYKKE_TEST_CHROMIUM and SAMTYKKE_TEST_CHROMEDRIVER)");
        profile = Files.createTempDirectory("jackon-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path locate(String env, String fallback) {
        String named = System.getenv(env);
        Path path = Path.of(named != null && !named.isBlank() ? named : fallback);
        if (named != null && !named.isBlank() && !Files.isExecutable(path)) {
            throw new IllegalStateException(env + "=" + named + " is not executable");
        }
        return Files.isExecutable(path) ? path : null;
    }

    private WebElement banner() {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".sk-1[role=dialog]")).stream().filter(WebElement::isDisplayed)
                        .findFirst().orElse(null));
    }

    private void click(WebElement layer, String label) {
        layer.findElement(By.xpath(".//button[normalize-space()='" + label + "']")).click();
    }

    private Set<String> cookies() {
        return browser.manage().getCookies().stream().map(Cookie::getName).collect(Collectors.toSet());
    }

    private long hits(String tracker, String page) {
        return collector.hits().stream().filter(h -> h.tracker().equals(tracker) && h.page().equals(page)).count();
    }

    @Test
    void acceptingAllActivatesTheGatedTagsWhichReportToTheStandIns() {
        browser.get("http://127.0.0.1:" + port + "/en/products/thermomur");
        WebElement banner = banner();
        assertThat(banner.getText()).contains("Jackon uses cookies", "Accept all", "Reject all");
        assertThat(browser.findElements(By.cssSelector("script[type='text/plain'][data-consent]"))).hasSize(2);
        assertThat(hits("ga", "/en/products/thermomur")).isZero();
        assertThat(cookies()).doesNotContain("_ga", "_fbp");

        click(banner, "Accept all");

        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> hits("ga", "/en/products/thermomur") == 1 && hits("fb", "/en/products/thermomur") == 1);
        assertThat(browser.findElements(By.cssSelector("script[type='text/plain'][data-consent]"))).isEmpty();
        assertThat(cookies()).contains("consent", "_ga", "_fbp");
        Object dataLayer = browser.executeScript("return JSON.stringify(window.dataLayer)");
        assertThat(dataLayer).asString().contains("\"default\"", "\"update\"", "\"analytics_storage\":\"granted\"");
    }

    @Test
    void rejectingAllKeepsTheTagsInertAndTheStandInsEmpty() {
        browser.get("http://127.0.0.1:" + port + "/en/contact");
        click(banner(), "Reject all");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> cookies().contains("consent"));

        browser.navigate().refresh();
        // The banner has read the state and applied it once its privacy-settings control shows.
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector("button.sk-pc")).stream().anyMatch(WebElement::isDisplayed));
        assertThat(browser.findElements(By.cssSelector(".sk-1[role=dialog]")).stream().filter(WebElement::isDisplayed))
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("script[type='text/plain'][data-consent]"))).hasSize(2);
        assertThat(hits("ga", "/en/contact")).isZero();
        assertThat(hits("fb", "/en/contact")).isZero();
        assertThat(cookies()).doesNotContain("_ga", "_fbp");
    }
}
