package dev.samtykke.servlet.browser;

import dev.samtykke.servlet.console.PausingLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The privacy console's pages in a real Chromium: each page passes the axe-core audit (WCAG 2.1 A/AA and axe's best
 * practices, no violation of any impact), a data-subject request is handled with the keyboard and mouse through the
 * forms, the ledger is verified with the button (its progress followed by the script), and the pages work with
 * JavaScript switched off. Each page is
 * photographed at 1280 pixels wide into {@code target/console-screenshots/} (copied to {@code docs/} by hand).
 */
class ConsoleBrowserTest {

    private static final Path AXE = Path.of("src/test/js/node_modules/axe-core/axe.min.js");
    private static final Path SHOTS = Path.of("target/console-screenshots");

    private static Chromium chromium;
    private static ConsoleSiteForBrowser site;
    private static String axe;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.startOrSkip();
        if (!Files.isRegularFile(AXE)) {
            String message = "Accessibility audit SKIPPED: " + AXE.toAbsolutePath()
                    + " is missing; run .ci/install-test-tools (npm ci). .ci/check-required-tests fails CI on this.";
            System.err.println(message);
            assumeTrue(false, message);
        }
        axe = Files.readString(AXE, StandardCharsets.UTF_8);
        site = new ConsoleSiteForBrowser();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theInsightsPagePassesTheAuditAndShowsItsChartsWithTextAlternatives() throws Exception {
        ChromeDriver driver = chromium.session("en");
        driver.get(site.url("/consent/admin/"));

        assertThat(driver.getTitle()).isEqualTo("Insights – Privacy console");
        List<WebElement> charts = driver.findElements(By.cssSelector("svg[role=img]"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(4);
        for (WebElement chart : charts) {
            assertThat(chart.getRect().getWidth()).as("a chart is drawn").isGreaterThan(300);
            assertThat(chart.findElement(By.tagName("desc")).getDomProperty("textContent")).isNotBlank();
        }
        assertThat(driver.executeScript("return getComputedStyle(document.querySelector('.top')).backgroundColor"))
                .as("the style sheet applies").isEqualTo("rgb(20, 50, 79)");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Version 1.0 against 0.9: accept all");
        assertNoViolation(driver, "insights");
        screenshot(driver, "console-insights");
    }

    @Test
    void aDataSubjectRequestIsHandledThroughTheFormsAndEachStepPassesTheAudit() throws Exception {
        String id = site.decide("{\"acceptAll\":true}", "en");
        ChromeDriver driver = chromium.session("en");
        driver.get(site.url("/consent/admin/subjects"));
        assertNoViolation(driver, "look-up form");

        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getText()).as("the skip link comes first").isEqualTo("Skip to the content");
        WebElement field = driver.findElement(By.id("consent-id"));
        assertThat(driver.findElement(By.cssSelector("label[for=consent-id]")).getText()).isEqualTo("Consent ID");
        field.sendKeys(id, Keys.ENTER);
        waitForTitle(driver, "Consent history");
        assertThat(driver.findElement(By.cssSelector("table.records")).getText()).contains("accept-all (given)");
        assertNoViolation(driver, "history");
        screenshot(driver, "console-subject-history");

        driver.findElement(By.xpath("//button[normalize-space()='Printable page']")).click();
        waitForTitle(driver, "Consent records");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(driver.findElement(By.cssSelector("nav")).isDisplayed()).as("print hides the navigation").isFalse();
        assertNoViolation(driver, "printable page");
        screenshot(driver, "console-printable-export");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        driver.get(site.url("/consent/admin/subjects")); // back would post the look-up again
        driver.findElement(By.id("consent-id")).sendKeys(id, Keys.ENTER);
        waitForTitle(driver, "Consent history");

        driver.findElement(By.xpath("//button[normalize-space()='Erase these records…']")).click();
        waitForTitle(driver, "Confirm the erasure");
        assertNoViolation(driver, "erasure confirmation");
        screenshot(driver, "console-erase-confirmation");
        assertThat(site.ledger.history(id)).hasSize(1);
        driver.findElement(By.xpath("//button[normalize-space()='Erase permanently']")).click();
        waitForTitle(driver, "Records erased");
        assertThat(site.ledger.history(id)).isEmpty();
        assertNoViolation(driver, "erased");
    }

    @Test
    void theLedgerIsVerifiedWithTheButtonAndThePageShowsTheChainHead() throws Exception {
        site.decide("{\"rejectAll\":true}", "nb");
        ChromeDriver driver = chromium.session("en");
        driver.get(site.url("/consent/admin/ledger"));
        assertNoViolation(driver, "ledger before verification");

        String expected = site.ledger.verify().anchor(); // of every record now, this test's decision included
        driver.findElement(By.xpath("//button[normalize-space()='Verify now']")).click();
        wait(driver).until(d -> d.findElements(By.cssSelector("code.anchor")).stream().anyMatch(e -> e.getText().equals(expected)));

        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Intact");
        assertNoViolation(driver, "ledger verified");
        screenshot(driver, "console-ledger");

        driver.get(site.url("/consent/admin/audit"));
        assertThat(driver.findElement(By.cssSelector("table.audit")).getText()).contains("dpo verification");
        assertNoViolation(driver, "audit trail");
        screenshot(driver, "console-audit");
    }

    @Test
    void aRunningVerificationShowsItsProgressWhichTheScriptFollowsWithoutReloading() throws Exception {
        PausingLedger ledger = new PausingLedger(2_500);
        try (ConsoleSiteForBrowser paused = new ConsoleSiteForBrowser(ledger)) {
            ChromeDriver driver = chromium.session("en");
            driver.get(paused.url("/consent/admin/ledger"));
            driver.findElement(By.xpath("//button[normalize-space()='Verify now']")).click();
            assertThat(ledger.reached()).isEqualTo(1_000);
            driver.get(paused.url("/consent/admin/ledger"));
            WebElement bar = driver.findElement(By.cssSelector("progress#verification-progress"));
            assertThat(bar.getDomProperty("position")).as("a determinate bar").isEqualTo("0.4");
            assertThat(driver.findElement(By.cssSelector("label[for=verification-progress]")).getText())
                    .isEqualTo("Verification progress");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("1,000 of 2,500 chain positions checked (40%)");
            assertNoViolation(driver, "ledger verifying");
            screenshot(driver, "console-ledger-progress");
            driver.executeScript("window.samePage = true");

            ledger.proceed();
            assertThat(ledger.reached()).isEqualTo(2_000);
            wait(driver).until(d -> d.findElement(By.cssSelector("[data-checked]")).getText().equals("2,000"));

            assertThat(driver.executeScript("return window.samePage === true")).as("updated in place").isEqualTo(true);
            assertThat(driver.findElement(By.cssSelector("[data-percent]")).getText()).isEqualTo("80");
            assertThat(driver.findElement(By.cssSelector("progress#verification-progress")).getDomProperty("value"))
                    .isEqualTo("2000");
            ledger.finish();
            wait(driver).until(d -> d.findElement(By.tagName("main")).getText().contains("Intact"));
            assertThat(driver.findElements(By.tagName("progress"))).isEmpty();
        } finally {
            ledger.finish();
        }
    }

    @Test
    void thePagesAndFormsWorkWithJavaScriptSwitchedOff() throws Exception {
        String id = site.decide("{\"purposes\":{\"analytics\":true,\"marketing\":false}}", "nb");
        ChromeDriver driver = chromium.open("en", Map.of("profile.managed_default_content_settings.javascript", 2));
        try {
            driver.get(site.url("/consent/admin/subjects"));
            driver.findElement(By.id("consent-id")).sendKeys(id);
            driver.findElement(By.xpath("//button[normalize-space()='Look up']")).click();
            waitForTitle(driver, "Consent history");
            assertThat(driver.findElement(By.cssSelector("table.records")).getText()).contains("custom (partially-given)", "nb");
            driver.get(site.url("/consent/admin/ledger"));
            String expected = site.ledger.verify().anchor();
            driver.findElement(By.xpath("//button[normalize-space()='Verify now']")).click();
            wait(driver).until(d -> {
                if (d.findElements(By.cssSelector("code.anchor")).stream().anyMatch(e -> e.getText().equals(expected))) {
                    return true;
                }
                d.findElements(By.linkText("Check progress")).forEach(WebElement::click);
                return false;
            });
        } finally {
            driver.quit();
        }
    }

    private static void waitForTitle(ChromeDriver driver, String title) {
        try {
            wait(driver).until(d -> d.getTitle().startsWith(title));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected the page " + title + ", got " + driver.getTitle() + ": "
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    private static WebDriverWait wait(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private static void assertNoViolation(ChromeDriver driver, String what) throws IOException {
        driver.executeScript(axe);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
                + " 'wcag22aa', 'best-practice']}})"
                + ".then(r => done(JSON.stringify({violations: r.violations, passes: r.passes.map(p => p.id)})),"
                + " e => done('axe failed: ' + e))");
        assertThat(result).asString().doesNotStartWith("axe failed");
        JsonNode audit = new ObjectMapper().readTree((String) result);
        List<String> violations = new ArrayList<>();
        for (JsonNode v : audit.path("violations")) {
            violations.add(v.path("impact").asString() + " " + v.path("id").asString() + ": " + v.path("help").asString()
                    + " " + v.path("nodes").findValues("target"));
        }
        System.out.println("axe " + what + ": " + violations.size() + " violations " + violations);
        assertThat(violations).as("axe violations on " + what).isEmpty();
        assertThat(audit.path("passes").valueStream().map(JsonNode::asString).toList()).as("rules that checked " + what)
                .contains("landmark-one-main", "page-has-heading-one", "document-title", "html-has-lang", "bypass");
    }

    /** The whole page, 1280 pixels wide. */
    private static void screenshot(ChromeDriver driver, String name) throws IOException {
        Number height = (Number) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280,
                "height", Math.min(height.intValue(), 6000), "deviceScaleFactor", 1, "mobile", false));
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true));
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
