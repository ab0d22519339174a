package dev.samtykke.servlet.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * axe-core (from npm, see {@code src/test/js/package.json} and {@code .ci/install-test-tools}) injected
 * into the page audits every state of the banner: no serious or critical violation is allowed, which
 * covers WCAG 2 A/AA rules such as colour contrast, names, roles and dialog labelling.
 */
class BannerAccessibilityTest extends BannerBrowserTestSupport {

    private static final Path AXE = Path.of("src/test/js/node_modules/axe-core/axe.min.js");

    private static String axe;

    @BeforeAll
    static void loadAxe() throws Exception {
        if (!Files.isRegularFile(AXE)) {
            String message = "Accessibility audit SKIPPED: " + AXE.toAbsolutePath()
                    + " is missing; run .ci/install-test-tools (npm ci). .ci/check-required-tests fails CI on this.";
            System.err.println(message);
            assumeTrue(false, message);
        }
        axe = Files.readString(AXE, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} at {1}x{2}, {3}")
    @CsvSource({
        "first layer, 1280, 800, en, color-contrast aria-dialog-name button-name link-name",
        "first layer, 320, 640, nb, color-contrast aria-dialog-name button-name link-name",
        "settings, 1280, 800, en, color-contrast aria-dialog-name button-name label heading-order summary-name th-has-data-cells",
        "settings, 320, 640, nb, color-contrast aria-dialog-name button-name label heading-order summary-name th-has-data-cells",
        "after a decision, 1280, 800, en, color-contrast button-name",
    })
    void theBannerHasNoSeriousOrCriticalAccessibilityViolation(String state, int width, int height, String lang,
            String expectedPasses) throws IOException {
        browser = new BannerDriver(chromium.session(lang));
        browser.driver.manage().window().setSize(new Dimension(width, height));
        browser.get(site.url("/page?lang=" + lang));
        WebElement banner = browser.firstLayer();
        switch (state) {
            case "settings" -> {
                banner.findElement(By.cssSelector("button[data-settings]")).click();
                browser.settings().findElements(By.tagName("summary")).forEach(WebElement::click);
            }
            case "after a decision" -> {
                banner.findElements(By.tagName("button")).get(1).click();
                browser.control();
            }
            default -> { }
        }
        browser.settle();
        assertNoSeriousViolation(state + " " + width + "x" + height + " " + lang, expectedPasses);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "nb"})
    void theClickToLoadPlaceholderHasNoSeriousOrCriticalAccessibilityViolation(String lang) throws IOException {
        browser = new BannerDriver(chromium.session(lang));
        browser.get(site.url("/strict/embed?lang=" + lang));
        browser.button(browser.firstLayer(), lang.equals("en") ? "Reject all" : "Avvis alle").click();
        browser.control();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector(".sk-ph")).size() == 2);
        browser.settle();
        assertNoSeriousViolation("placeholder " + lang, "color-contrast button-name link-name aria-allowed-role");
    }

    @ParameterizedTest(name = "dark theme, {0}")
    @CsvSource({
        "first layer, color-contrast aria-dialog-name button-name link-name",
        "settings, color-contrast aria-dialog-name button-name label summary-name",
        "placeholder, color-contrast button-name link-name",
    })
    void theDarkThemeHasNoSeriousOrCriticalAccessibilityViolation(String state, String expectedPasses) throws IOException {
        browser = new BannerDriver(chromium.session("en"));
        BannerThemeBrowserTest.colorScheme(browser, "dark");
        browser.get(site.url("/strict/embed?lang=en"));
        WebElement banner = browser.firstLayer();
        switch (state) {
            case "settings" -> {
                banner.findElement(By.cssSelector("button[data-settings]")).click();
                browser.settings().findElements(By.tagName("summary")).forEach(WebElement::click);
            }
            case "placeholder" -> {
                browser.button(banner, "Reject all").click();
                browser.control();
            }
            default -> { }
        }
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector(".sk-ph")).size() == 2);
        browser.settle();
        assertNoSeriousViolation("dark " + state, expectedPasses);
    }

    private void assertNoSeriousViolation(String what, String expectedPasses) throws IOException {
        JsonNode result = audit();
        List<String> passed = result.path("passes").findValuesAsString("id");
        assertThat(passed).as("rules that checked the banner and passed")
                .contains(expectedPasses.split(" "));
        List<String> serious = new ArrayList<>();
        List<String> lesser = new ArrayList<>();
        for (JsonNode violation : result.path("violations")) {
            String impact = violation.path("impact").asString();
            String line = impact + " " + violation.path("id").asString() + ": " + violation.path("help").asString()
                    + " " + violation.path("nodes").findValues("target");
            (impact.equals("serious") || impact.equals("critical") ? serious : lesser).add(line);
        }
        System.out.println("axe " + what + ": " + serious.size()
                + " serious/critical, other " + lesser);
        assertThat(serious).as("serious or critical axe violations").isEmpty();
    }

    private JsonNode audit() throws IOException {
        browser.js(axe);
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object result = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document).then(r => done(JSON.stringify({violations: r.violations,"
                + " passes: r.passes.filter(p => p.nodes.some(n => {"
                + "   const e = document.querySelector(n.target[0]); return e && e.closest('.sk'); }))"
                + "  .map(p => ({id: p.id}))})),"
                + " e => done('axe failed: ' + e))");
        assertThat(result).asString().doesNotStartWith("axe failed");
        return new ObjectMapper().readTree((String) result);
    }
}
