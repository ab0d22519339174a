package dev.samtykke.servlet.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: the banner counts one first-layer impression per page view, with a beacon that carries no cookie,
 * and none when the visitor has decided; the settings layer shows the visitor's consent id to quote in a request.
 */
class BannerImpressionAndConsentIdBrowserTest extends BannerBrowserTestSupport {

    private void waitImpressions(long expected) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> site.impressions() >= expected);
        assertThat(site.impressions()).isEqualTo(expected);
    }

    @Test
    void showingTheFirstLayerCountsOneImpressionWithABeaconThatCarriesNoCookie() {
        open("en", "/page?lang=en");
        browser.firstLayer();
        // a cookie of the site's own that the beacon must not carry
        browser.driver.manage().addCookie(new Cookie("JSESSIONID", "s3ss10n"));
        long before = site.impressions();
        int beacons = site.beaconCookies().size();

        browser.driver.navigate().refresh();
        WebElement first = browser.firstLayer();
        waitImpressions(before + 1);

        // going to the settings and back shows the first layer again, but in the same page view: no second count
        browser.button(first, "Settings").click();
        browser.button(browser.settings(), "Back").click();
        browser.firstLayer();
        browser.js("return fetch('/consent').then(r => r.status)"); // a round trip after any beacon
        assertThat(site.impressions()).isEqualTo(before + 1);
        assertThat(site.beaconCookies()).hasSize(beacons + 1);
        assertThat(site.beaconCookies().get(beacons)).isEmpty();
    }

    @Test
    void aPageWhoseVisitorHasDecidedCountsNoImpression() {
        long shown = site.impressions() + 1;
        open("en", "/page?lang=en");
        browser.button(browser.firstLayer(), "Reject all").click();
        browser.waitGone(BannerDriver.FIRST_LAYER);
        waitImpressions(shown); // the first view's beacon has arrived
        int beacons = site.beaconCookies().size();

        browser.driver.navigate().refresh();
        browser.control(); // the banner started and chose not to ask
        browser.js("return fetch('/consent').then(r => r.status)");

        assertThat(browser.driver.findElements(BannerDriver.FIRST_LAYER)).isEmpty();
        assertThat(site.impressions()).isEqualTo(shown);
        assertThat(site.beaconCookies()).hasSize(beacons);
    }

    @Test
    void theSettingsLayerShowsTheConsentIdOnceTheVisitorHasDecided() {
        open("en", "/page?lang=en");
        browser.button(browser.firstLayer(), "Settings").click();
        assertThat(browser.settings().getText()).doesNotContain("consent ID");
        browser.button(browser.settings(), "Accept all").click();
        browser.waitGone(BannerDriver.SETTINGS);

        browser.control().click();
        WebElement settings = browser.settings();
        String consentId = (String) browser.bannerState().get("consentId");
        assertThat(consentId).isNotBlank();
        assertThat(settings.findElement(By.xpath(".//p[code]")).getText())
                .isEqualTo("Your consent ID (quote it when you ask us about your data): " + consentId);
        assertThat(settings.findElement(By.tagName("code")).getText()).isEqualTo(consentId);
        // the id the console finds the records by: the ledger's subject of this visitor's cookie
        assertThat(site.ledgerMethods(browser.cookie("consent").getValue())).containsExactly("accept-all");
    }

    @Test
    void theConsentIdLabelIsInThePagesLanguage() {
        open("nb", "/page?lang=nb");
        browser.firstLayer().findElements(By.tagName("button")).get(0).click(); // accept all, in Norwegian
        browser.waitGone(BannerDriver.FIRST_LAYER);
        browser.control().click();
        assertThat(browser.settings().findElement(By.xpath(".//p[code]")).getText())
                .startsWith("Samtykke-ID-en din (oppgi den hvis du spør oss om opplysningene dine): ");
    }
}
