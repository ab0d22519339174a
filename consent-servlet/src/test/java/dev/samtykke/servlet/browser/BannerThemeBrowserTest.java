package dev.samtykke.servlet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The light and dark themes, chosen by {@code prefers-color-scheme} (emulated through DevTools), on the
 * banner and the embed placeholder; the screenshots {@code docs/banner-light.png} and
 * {@code docs/banner-dark.png} come from here.
 */
class BannerThemeBrowserTest extends BannerBrowserTestSupport {

    private static final Path DOCS = Path.of("..", "docs");

    static void colorScheme(BannerDriver browser, String scheme) {
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** The relative luminance (WCAG) of an element's computed background colour. */
    private double backgroundLuminance(WebElement element) {
        String rgb = element.getCssValue("background-color");
        String[] parts = rgb.replaceAll("[^0-9.,]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(parts[i]) / 255;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"light, false", "dark, true"})
    void theBannerAndThePlaceholderFollowPrefersColorScheme(String scheme, boolean dark) throws IOException {
        browser = new BannerDriver(chromium.session("en"));
        colorScheme(browser, scheme);
        browser.get(site.url("/strict/embed?lang=en"));
        WebElement banner = browser.firstLayer();
        WebElement placeholder = new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.cssSelector(".sk-ph")));

        for (WebElement element : List.of(banner, placeholder)) {
            double luminance = backgroundLuminance(element);
            if (dark) {
                assertThat(luminance).as(scheme + " background of " + element.getDomAttribute("class")).isLessThan(0.05);
            } else {
                assertThat(luminance).as(scheme + " background of " + element.getDomAttribute("class")).isGreaterThan(0.9);
            }
        }

        new Actions(browser.driver).moveToLocation(0, 0).perform();
        browser.settle();
        Path file = DOCS.resolve("banner-" + scheme + ".png");
        Files.write(file, browser.driver.getScreenshotAs(OutputType.BYTES));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
    }
}
