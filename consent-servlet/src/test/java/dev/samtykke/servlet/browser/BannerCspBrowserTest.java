package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.FIRST_LAYER;
import static dev.samtykke.servlet.browser.BannerDriver.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The banner on a page served with a strict Content Security Policy in a header
 * ({@link TestPageServlet#STRICT_CSP}): the browser hides the {@code nonce} attribute from scripts, so
 * activated copies must carry the nonce as a property; the banner itself needs no inline style, no
 * {@code eval} and no inline script, so the page sees no {@code securitypolicyviolation} at all.
 */
class BannerCspBrowserTest extends BannerBrowserTestSupport {

    private static final String PAGE = "/strict/csp";

    @SuppressWarnings("unchecked")
    private List<String> violations() {
        return (List<String>) browser.js("return window.violations");
    }

    @Test
    void theBrowserHidesTheNonceAttributeOfTheGatedScripts() {
        open("en", PAGE);
        browser.firstLayer();

        assertThat(browser.js("return document.querySelector('script[data-consent]').getAttribute('nonce')"))
                .as("nonce attribute under a CSP header").isEqualTo("");
        assertThat(browser.js("return document.querySelector('script[data-consent]').nonce"))
                .as("nonce property").asString().isNotEmpty();
    }

    @Test
    void nonceCarryingGatedScriptsInlineAndExternalRunAfterConsentWithoutAnyViolation() {
        open("en", PAGE);
        WebElement banner = browser.firstLayer();
        browser.button(banner, "Settings").click();
        WebElement settings = browser.settings();
        settings.findElements(By.tagName("summary")).forEach(WebElement::click);
        browser.button(settings, "Accept all").click();
        browser.waitGone(SETTINGS);

        browser.waitRan("analyticsRan");
        browser.waitRan("marketingRan");
        browser.waitRan("bothRan");
        assertThat(browser.driver.findElements(FIRST_LAYER)).isEmpty();
        assertThat(violations()).as("CSP violations after the decision").isEmpty();

        browser.driver.navigate().refresh();
        browser.control().click();
        browser.settings();
        browser.waitRan("analyticsRan");
        browser.waitRan("marketingRan");
        browser.waitRan("bothRan");
        assertThat(violations()).as("CSP violations on a later page load").isEmpty();
    }

    @Test
    void nothingRunsBeforeConsentAndTheBannerCausesNoViolationWhileAsking() {
        open("en", PAGE);
        browser.button(browser.firstLayer(), "Reject all").click();
        browser.waitGone(FIRST_LAYER);
        browser.control();

        assertThat(browser.ran("analyticsRan")).isFalse();
        assertThat(browser.ran("marketingRan")).isFalse();
        assertThat(violations()).as("CSP violations").isEmpty();
    }
}
