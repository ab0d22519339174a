package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The right to object (GDPR Art. 21) in a real Chromium: the reference policy marks "contacting you and offering
 * products and services" (legitimate interest) objectable, so the settings layer shows it switched on with a switch
 * to object; an objection is recorded, carried by the cookie, and kept by later accept-all and reject-all decisions.
 */
class BannerObjectionBrowserTest extends BannerBrowserTestSupport {

    static final String OBJECTABLE = "Contacting you and offering products and services";

    @Test
    void theVisitorObjectsInTheSettingsLayerAndTheObjectionIsRecordedAndKept() {
        open("en", "/page?lang=en");
        browser.button(browser.firstLayer(), "Settings").click();
        WebElement settings = browser.settings();
        WebElement objection = browser.switchFor(settings, OBJECTABLE);

        assertThat(objection.isSelected()).as("on until the visitor objects").isTrue();
        assertThat(browser.switchFor(settings, "Marketing").isSelected()).as("the category switch is about consent").isFalse();
        assertThat(browser.js("return arguments[0].indeterminate", browser.switchFor(settings, "Marketing"))).isEqualTo(false);
        WebElement firstSettings = settings;
        assertThatThrownBy(() -> browser.switchFor(firstSettings, "Security and detecting abuse"))
                .as("a legitimate interest the policy does not mark objectable stays always on").isInstanceOf(AssertionError.class);

        objection.click();
        browser.button(settings, "Save choices").click();
        browser.waitGone(SETTINGS);

        assertThat(purposes()).containsEntry("sales-contact", false).containsEntry("security", true);
        String cookie = browser.cookie("consent").getValue();
        assertThat(site.ledgerGrants(cookie)).singleElement()
                .satisfies(grants -> assertThat(grants).containsEntry("sales-contact", false).containsEntry("analytics", false));

        browser.driver.navigate().refresh();
        browser.control().click();
        settings = browser.settings();
        assertThat(browser.switchFor(settings, OBJECTABLE).isSelected()).as("the cookie carries the objection").isFalse();
        browser.button(settings, "Accept all").click();
        browser.waitGone(SETTINGS);
        assertThat(purposes()).as("accepting consent lifts no objection").containsEntry("sales-contact", false)
                .containsEntry("marketing", true);

        browser.control().click();
        settings = browser.settings();
        browser.switchFor(settings, OBJECTABLE).click();
        browser.button(settings, "Save choices").click();
        browser.waitGone(SETTINGS);
        assertThat(purposes()).as("switched back on").containsEntry("sales-contact", true).containsEntry("marketing", true);
        assertThat(site.ledgerMethods(browser.cookie("consent").getValue())).containsExactly("custom", "accept-all", "custom");
        List<Map<String, Boolean>> grants = site.ledgerGrants(browser.cookie("consent").getValue());
        assertThat(grants).extracting(g -> g.get("sales-contact")).containsExactly(false, false, true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> purposes() {
        return (Map<String, Object>) browser.bannerState().get("purposes");
    }
}
