package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.FIRST_LAYER;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * How the banner looks and fits: the screenshots in {@code docs/}, 320 px width and 200% zoom,
 * reduced motion, and a page with JavaScript switched off.
 */
class BannerLayoutBrowserTest extends BannerBrowserTestSupport {

    /** Where the screenshots go: the repository's docs/ (the tests run in the module directory). */
    private static final Path DOCS = Path.of("..", "docs");

    /** Emulates a viewport of {@code width}x{@code height} CSS pixels at {@code scale} device pixels each. */
    private void viewport(int width, int height, double scale) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", false));
    }

    private void screenshot(String name, int width, int height) throws IOException {
        new Actions(browser.driver).moveToLocation(0, 0).perform();
        browser.settle();
        Files.createDirectories(DOCS);
        Path file = DOCS.resolve(name);
        Files.write(file, browser.driver.getScreenshotAs(OutputType.BYTES));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).as(name + " width").isEqualTo(width);
        assertThat(image.getHeight()).as(name + " height").isEqualTo(height);
    }

    @Test
    void screenshotsOfEachLayerAreSavedUnderDocs() throws IOException {
        open("en", "/page?lang=en");
        viewport(1280, 800, 1);
        WebElement banner = browser.firstLayer();
        screenshot("banner-first-layer.png", 1280, 800);

        browser.button(banner, "Settings").click();
        WebElement settings = browser.settings();
        settings.findElement(By.xpath(".//summary[contains(., 'Google Analytics 4')]")).click();
        browser.switchFor(settings, "Improving and developing our services").click();
        browser.js("arguments[0].scrollIntoView()", settings.findElement(By.xpath(".//section[.//h3[.='Analytics']]")));
        screenshot("banner-settings.png", 1280, 800);

        open("nb", "/page?lang=nb");
        viewport(320, 640, 1);
        screenshot("banner-first-layer-320.png", 320, 640);
        browser.button(browser.firstLayer(), "Innstillinger").click();
        browser.settings();
        screenshot("banner-settings-320.png", 320, 640);
    }

    /** 1280x800 at 200% zoom lays out like a 640x400 window; 320 px is the WCAG reflow width. */
    @ParameterizedTest(name = "{0}x{1} CSS px at scale {2}, {3}")
    @CsvSource({"640, 400, 2, nb", "640, 400, 2, en", "320, 640, 1, nb", "320, 640, 1, en", "320, 256, 1, nb"})
    void everyControlIsReachableWithoutHorizontalScrolling(int width, int height, double scale, String lang) {
        open(lang, "/page?lang=" + lang);
        viewport(width, height, scale);
        WebElement banner = browser.firstLayer();
        browser.settle();
        assertFitsAndEveryControlCanBeReached(banner, width);

        banner.findElement(By.cssSelector("button[data-settings]")).click();
        WebElement settings = browser.settings();
        settings.findElements(By.tagName("summary")).forEach(WebElement::click);
        assertFitsAndEveryControlCanBeReached(settings, width);
        settings.findElements(By.cssSelector(".sk-f button")).get(1).click();
        browser.waitRan("analyticsRan");
        WebElement control = browser.control();
        assertThat(control.getRect().getX() + control.getRect().getWidth()).isLessThanOrEqualTo(width);
    }

    private void assertFitsAndEveryControlCanBeReached(WebElement dialog, int width) {
        assertThat(browser.js("return document.documentElement.scrollWidth")).as("page width")
                .isEqualTo((long) width);
        @SuppressWarnings("unchecked")
        List<String> overflowing = (List<String>) browser.js("const d = arguments[0].getBoundingClientRect();"
                + "return [arguments[0], ...arguments[0].querySelectorAll('*')].filter(e => {"
                + "  const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < d.left - 0.5 || r.right > d.right + 0.5"
                + "   || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'); })"
                + ".map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 30))", dialog);
        assertThat(overflowing).as("elements sticking out of the dialog or scrolling sideways").isEmpty();
        @SuppressWarnings("unchecked")
        List<WebElement> controls = (List<WebElement>) browser.js(
                "return [...arguments[0].querySelectorAll('a[href],button,input,summary')]", dialog);
        for (WebElement control : controls) {
            Object visible = browser.js("const e = arguments[0]; e.scrollIntoView({block: 'center'});"
                    + "const r = e.getBoundingClientRect();"
                    + "return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight"
                    + " && e.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2))", control);
            assertThat(visible).as("reachable and unobscured: " + control.getAccessibleName()).isEqualTo(true);
        }
    }

    @Test
    void reducedMotionSwitchesTheEntryAnimationOff() {
        open("en", "/page?lang=en");
        assertThat(browser.firstLayer().getCssValue("animation-name")).isEqualTo("sk-in");

        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
        assertThat(browser.firstLayer().getCssValue("animation-name")).isEqualTo("none");
    }

    @Test
    void withoutJavaScriptThePageStaysUsableAndNothingRuns() {
        ChromeDriver noScript = chromium.open("en", Map.of("profile.managed_default_content_settings.javascript", 2));
        try {
            noScript.get(site.url("/page?lang=en"));

            assertThat(noScript.findElement(By.tagName("h1")).getText()).isEqualTo("Isolation for foundations and roofs");
            assertThat(noScript.findElement(By.linkText("Personvern")).isDisplayed()).isTrue();
            assertThat(noScript.findElements(FIRST_LAYER)).isEmpty();
            assertThat(noScript.findElements(By.cssSelector("script[type='text/plain'][data-consent]"))).hasSize(3);
            assertThat(noScript.findElement(By.tagName("iframe")).getDomAttribute("src")).isNull();
            assertThat(noScript.manage().getCookies()).isEmpty();
        } finally {
            noScript.quit();
        }
    }
}
