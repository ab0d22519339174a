package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.FIRST_LAYER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The page's own code and single-page apps: the global {@code Samtykke} ({@code show()},
 * {@code allows(id)}, {@code activate(root)}), the {@code samtykke:change} event, and the optional
 * {@code MutationObserver} mode ({@code data-observe} on the script tag), on a strict-CSP page whose
 * router inserts gated markup after the banner has run.
 */
class BannerSpaBrowserTest extends BannerBrowserTestSupport {

    private void acceptAll() {
        browser.button(browser.firstLayer(), "Accept all").click();
        browser.waitGone(FIRST_LAYER);
    }

    @Test
    void allowsAnswersFromTheStateAndShowOpensTheSettings() {
        open("en", "/strict/spa");
        browser.firstLayer();
        assertThat(browser.js("return [Samtykke.allows('analytics'), Samtykke.allows('security'), Samtykke.allows('nope')]"))
                .isEqualTo(List.of(false, true, false));

        browser.js("Samtykke.show()");
        WebElement settings = browser.settings();
        browser.button(settings, "Accept all").click();
        browser.waitGone(BannerDriver.SETTINGS);

        assertThat(browser.js("return [Samtykke.allows('analytics'), Samtykke.allows('marketing')]"))
                .isEqualTo(List.of(true, true));
    }

    @Test
    void activateRunsGatedMarkupInsertedAfterTheDecisionOnlyWhenAllowed() {
        open("en", "/strict/spa");
        browser.js("insertGated('early', 'analytics', 'earlyRan'); Samtykke.activate(document.getElementById('early'))");
        assertThat(browser.ran("earlyRan")).as("activate before any decision").isFalse();
        acceptAll();
        browser.waitRan("earlyRan");

        browser.js("insertGated('late', 'analytics', 'lateRan');"
                + "insertGated('unknown', 'no-such-purpose', 'unknownRan')");
        assertThat(browser.ran("lateRan")).as("inserted markup without activate and without observe mode").isFalse();
        browser.js("Samtykke.activate(document.getElementById('late')); Samtykke.activate(document.getElementById('unknown'))");
        browser.waitRan("lateRan");
        assertThat(browser.ran("unknownRan")).isFalse();
        assertThat(browser.js("return violations")).asList().isEmpty();
    }

    @Test
    void samtykkeChangeTellsThePageWhatWasGrantedAndRevoked() {
        open("en", "/strict/spa");
        browser.js("window.changes = []; document.addEventListener('samtykke:change',"
                + " e => changes.push(e.detail.granted.includes('marketing') + '/' + e.detail.revoked.join(',')))");
        acceptAll();
        browser.js("Samtykke.show()");
        browser.button(browser.settings(), "Withdraw all consent").click();
        browser.waitGone(BannerDriver.SETTINGS);

        assertThat(browser.js("return changes")).isEqualTo(List.of("true/", "false/analytics,marketing"));
    }

    @Test
    void observeModeActivatesInsertedMarkupWithoutACall() {
        open("en", "/strict/spa?observe");
        browser.js("insertGated('before', 'marketing', 'beforeRan')");
        acceptAll();
        browser.waitRan("beforeRan");

        browser.js("insertGated('after', 'marketing', 'afterRan'); insertGated('denied', 'no-such-purpose', 'deniedRan')");
        browser.waitRan("afterRan");
        assertThat(browser.ran("deniedRan")).isFalse();
        assertThat(browser.js("return violations")).asList().isEmpty();
    }
}
