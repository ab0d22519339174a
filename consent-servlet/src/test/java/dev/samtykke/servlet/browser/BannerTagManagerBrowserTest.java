package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * Google Tag Manager: the banner pushes {@code {event: 'samtykke_consent_update', samtykke: {…}}} onto
 * the {@code dataLayer} once the state is known on each page load and after each decision, after the
 * Consent Mode update, so that a trigger on the event sees the updated consent.
 */
class BannerTagManagerBrowserTest extends BannerBrowserTestSupport {

    /** The dataLayer entries, as "consent update" for Consent Mode commands and the event's payload otherwise. */
    @SuppressWarnings("unchecked")
    private List<Object> dataLayer() {
        return (List<Object>) browser.js("return dataLayer.filter(e => e.event === 'samtykke_consent_update'"
                + " || (e[0] === 'consent' && e[1] === 'update'))"
                + ".map(e => e.event ? e.samtykke : 'consent update')");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastEvent() {
        List<Object> entries = dataLayer();
        return (Map<String, Object>) entries.get(entries.size() - 1);
    }

    private void waitEvents(int n) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .until(d -> dataLayer().stream().filter(Map.class::isInstance).count() >= n);
    }

    @Test
    void pageLoadPushesTheUndecidedStateAndEachDecisionPushesTheGrantsAfterTheConsentModeUpdate() {
        open("en", "/page?lang=en");
        browser.firstLayer();
        waitEvents(1);
        assertThat(dataLayer()).hasSize(1);
        assertThat(lastEvent()).containsEntry("decided", false);
        assertThat((List<Object>) lastEvent().get("purposes")).contains("security").doesNotContain("analytics", "marketing");
        assertThat((List<Object>) lastEvent().get("services")).contains("jackon-web")
                .doesNotContain("google-analytics", "meta-pixel");

        browser.button(browser.firstLayer(), "Settings").click();
        WebElement settings = browser.settings();
        browser.switchFor(settings, "Improving and developing our services").click();
        browser.button(settings, "Save choices").click();
        browser.waitGone(SETTINGS);
        waitEvents(2);

        List<Object> entries = dataLayer();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(1)).as("Consent Mode first, then the event").isEqualTo("consent update");
        assertThat(lastEvent()).containsEntry("decided", true);
        assertThat((List<Object>) lastEvent().get("purposes")).contains("analytics", "security").doesNotContain("marketing");
        assertThat((List<Object>) lastEvent().get("services")).contains("google-analytics").doesNotContain("meta-pixel");

        browser.driver.navigate().refresh();
        browser.control();
        waitEvents(1);
        assertThat(dataLayer()).as("on a later page load").hasSize(2);
        assertThat((List<Object>) lastEvent().get("services")).contains("google-analytics");
    }

    @Test
    void aPageWithoutDataLayerGetsOneForTagManagerToReadLater() {
        open("en", "/strict/spa");
        browser.firstLayer();
        waitEvents(1);
        assertThat(lastEvent()).containsEntry("decided", false);
    }
}
