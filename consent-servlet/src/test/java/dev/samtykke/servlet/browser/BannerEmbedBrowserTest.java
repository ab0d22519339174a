package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.FIRST_LAYER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Click-to-load embeds ({@code iframe[data-consent][data-src]}) on a strict-CSP page: until its purposes
 * are granted each shows an accessible placeholder in its place and size, loaded from {@code embed.js}
 * only on pages that have such embeds; its button records a decision and loads the embed.
 */
class BannerEmbedBrowserTest extends BannerBrowserTestSupport {

    private static final By PLACEHOLDERS = By.cssSelector(".sk-ph");

    private WebElement placeholderBefore(String id) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".sk-ph + #" + id)));
        return (WebElement) browser.js("return document.getElementById(arguments[0]).previousElementSibling", id);
    }

    private boolean embedScriptLoaded() {
        return Boolean.TRUE.equals(browser.js(
                "return performance.getEntriesByType('resource').some(e => e.name.includes('/consent/embed.js'))"));
    }

    @Test
    void anEmbedShowsAPlaceholderInItsPlaceAndSizeNamingServicePurposeAndNotice() {
        open("en", "/strict/embed");
        browser.firstLayer();
        WebElement video = placeholderBefore("video");
        WebElement iframe = browser.driver.findElement(By.id("video"));

        assertThat(iframe.getDomAttribute("src")).isNull();
        assertThat(iframe.isDisplayed()).isFalse();
        // the iframe's rendered box: 400x225 and its default 2 px border on each side
        assertThat(video.getSize().getWidth()).isEqualTo(404);
        assertThat(video.getSize().getHeight()).isGreaterThanOrEqualTo(229);
        assertThat(video.getDomAttribute("role")).isEqualTo("group");
        assertThat(browser.titleOf(video)).contains("Meta Pixel");
        assertThat(video.getText()).contains("Target groups and targeted marketing");
        assertThat(video.findElement(By.linkText("Privacy notice")).getDomAttribute("href")).isEqualTo("/en/privacy");
        assertThat(browser.buttonTexts(video, "button")).containsExactly("Allow and load");
        assertThat(browser.titleOf(placeholderBefore("widget"))).as("an undeclared service is named by its host")
                .contains("127.0.0.1");
        assertThat(browser.js("return violations")).asList().isEmpty();
    }

    @Test
    void thePlaceholderButtonRecordsTheGrantAndLoadsTheEmbed() {
        open("en", "/strict/embed");
        browser.firstLayer();
        browser.button(placeholderBefore("video"), "Allow and load").click();

        browser.waitRan("frameLoaded");
        browser.waitGone(FIRST_LAYER);
        WebElement iframe = browser.driver.findElement(By.id("video"));
        assertThat(iframe.isDisplayed()).isTrue();
        assertThat(iframe.getDomAttribute("src")).isEqualTo("/frame.html");
        assertThat(browser.driver.findElements(By.cssSelector(".sk-ph + #video"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".sk-ph + #widget"))).as("analytics stays blocked").hasSize(1);
        assertThat(browser.driver.findElement(By.id("widget")).getDomAttribute("src")).isNull();
        assertThat(site.ledgerMethods(browser.cookie("consent").getValue())).containsExactly("custom");
        assertThat(browser.js("return [Samtykke.allows('marketing'), Samtykke.allows('analytics')]"))
                .asList().containsExactly(true, false);
        assertThat(browser.focused()).isEqualTo(iframe);
        assertThat(browser.js("return violations")).asList().isEmpty();

        browser.driver.navigate().refresh();
        browser.control();
        placeholderBefore("widget");
        assertThat(browser.driver.findElements(PLACEHOLDERS)).as("on a later page load").hasSize(1);
        assertThat(browser.driver.findElement(By.id("video")).getDomAttribute("src")).isEqualTo("/frame.html");
    }

    @Test
    void aPageWithoutEmbedsDoesNotLoadThePlaceholderCode() {
        open("en", "/strict/csp");
        browser.firstLayer();
        assertThat(embedScriptLoaded()).isFalse();

        open("en", "/strict/embed");
        placeholderBefore("video");
        assertThat(embedScriptLoaded()).isTrue();
    }
}
