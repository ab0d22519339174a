package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.CONTROL;
import static dev.samtykke.servlet.browser.BannerDriver.FIRST_LAYER;
import static dev.samtykke.servlet.browser.BannerDriver.SETTINGS;
import static dev.samtykke.servlet.browser.BannerDriver.SWITCHES;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The consent banner in a real headless Chromium against the real consent endpoints: what a visitor
 * sees, what runs before and after each decision, and what the server records.
 */
class ConsentBannerBrowserTest extends BannerBrowserTestSupport {

    private static final String PAGE = "/page?lang=en";

    private void assertNoGatedScriptRan() {
        assertThat(browser.ran("analyticsRan")).as("analytics script ran").isFalse();
        assertThat(browser.ran("marketingRan")).as("marketing script ran").isFalse();
        assertThat(browser.ran("bothRan")).as("analytics+marketing script ran").isFalse();
        assertThat(browser.driver.findElement(By.tagName("iframe")).getDomAttribute("src")).as("iframe src").isNull();
        assertThat(browser.cookie("_ga")).as("analytics cookie").isNull();
        assertThat(browser.cookie("_fbp")).as("marketing cookie").isNull();
    }

    private String consentCookie() {
        return browser.cookie("consent").getValue();
    }

    @Test
    void firstVisitShowsTheBannerAndRunsNoGatedScript() {
        open("en", PAGE);
        WebElement banner = browser.firstLayer();

        assertThat(banner.getAttribute("aria-modal")).isEqualTo("false");
        assertThat(browser.titleOf(banner)).isEqualTo("Jackon uses cookies");
        assertThat(banner.getText()).contains("Jackon AS", "You can change or withdraw your consent at any time.");
        assertThat(banner.findElement(By.linkText("Privacy notice")).getAttribute("href")).endsWith("/en/privacy");
        assertThat(browser.buttonTexts(banner, "button")).containsExactly("Accept all", "Reject all", "Settings");
        assertThat(browser.focused()).isEqualTo(banner);
        assertThat(browser.driver.findElement(CONTROL).isDisplayed()).as("privacy control while asking").isFalse();

        assertNoGatedScriptRan();
        assertThat(browser.cookie("consent")).as("ignoring is not consent").isNull();
        assertThat(browser.consentModeUpdates()).isEmpty();
    }

    @Test
    void rejectAllHidesTheBannerRecordsTheRefusalAndRunsNothingOnReload() {
        open("en", PAGE);
        browser.button(browser.firstLayer(), "Reject all").click();

        browser.waitGone(FIRST_LAYER);
        assertThat(browser.focused()).isEqualTo(browser.control());
        assertNoGatedScriptRan();
        assertThat(site.ledgerMethods(consentCookie())).containsExactly("reject-all");
        assertThat(browser.consentModeUpdates()).singleElement()
                .satisfies(update -> assertThat(update).containsEntry("analytics_storage", "denied")
                        .containsEntry("ad_storage", "denied"));

        browser.driver.navigate().refresh();
        browser.control();
        assertThat(browser.driver.findElements(FIRST_LAYER)).isEmpty();
        assertNoGatedScriptRan();
    }

    @Test
    void grantingAnalyticsOnlyRunsTheAnalyticsScriptButNotTheMarketingOne() {
        open("en", PAGE);
        browser.js("window.changes = []; document.addEventListener('samtykke:change', e => changes.push(e.detail.granted))");
        browser.button(browser.firstLayer(), "Settings").click();
        WebElement settings = browser.settings();

        assertThat(settings.getAttribute("aria-modal")).isEqualTo("true");
        assertThat(browser.titleOf(settings)).isEqualTo("Privacy settings");
        assertThat(settings.findElements(SWITCHES)).as("no consent pre-ticked").isNotEmpty()
                .filteredOn(sw -> !"sales-contact".equals(sw.getDomAttribute("data-p"))).noneMatch(WebElement::isSelected);
        WebElement necessary = settings.findElement(By.xpath(".//section[.//h3[.='Necessary']]"));
        assertThat(necessary.findElements(SWITCHES)).isEmpty();
        assertThat(necessary.getText()).contains("Always on");
        settings.findElement(By.xpath(".//summary[contains(., 'Google Analytics 4')]")).click();
        assertThat(settings.getText()).contains("_ga", "Google Ireland Limited");

        browser.switchFor(settings, "Improving and developing our services").click();
        assertThat(browser.switchFor(settings, "Analytics").isSelected()).as("category follows its only purpose").isTrue();
        browser.button(settings, "Save choices").click();

        browser.waitGone(SETTINGS);
        browser.waitRan("analyticsRan");
        assertThat(browser.ran("marketingRan")).isFalse();
        assertThat(browser.ran("bothRan")).isFalse();
        assertThat(browser.cookie("_ga")).isNotNull();
        assertThat(browser.cookie("_fbp")).isNull();
        assertThat(browser.driver.findElements(FIRST_LAYER)).isEmpty();
        @SuppressWarnings("unchecked")
        List<Object> changes = (List<Object>) browser.js("return changes");
        assertThat(changes).as("samtykke:change events").singleElement()
                .satisfies(granted -> assertThat((List<Object>) granted).contains("analytics", "security")
                        .doesNotContain("marketing"));
        assertThat(browser.consentModeUpdates()).last()
                .satisfies(update -> assertThat(update).containsEntry("analytics_storage", "granted")
                        .containsEntry("ad_storage", "denied"));
        assertThat(site.ledgerMethods(consentCookie())).containsExactly("custom");

        browser.driver.navigate().refresh();
        browser.waitRan("analyticsRan");
        assertThat(browser.ran("marketingRan")).as("marketing on a later page load").isFalse();
        assertThat(browser.driver.findElements(FIRST_LAYER)).isEmpty();
    }

    @Test
    void theSettingsControlReopensAndWithdrawingExpiresTheTrackingCookies() {
        open("en", PAGE);
        browser.button(browser.firstLayer(), "Accept all").click();
        browser.waitRan("analyticsRan");
        browser.waitRan("marketingRan");
        browser.waitRan("bothRan");
        assertThat(browser.driver.findElement(By.tagName("iframe")).getDomAttribute("src")).endsWith("/frame.html");
        browser.waitRan("frameLoaded");
        assertThat(browser.cookie("_ga")).isNotNull();
        assertThat(browser.cookie("_fbp")).isNotNull();

        browser.driver.navigate().refresh();
        browser.control().click();
        WebElement settings = browser.settings();
        assertThat(settings.findElements(SWITCHES)).allMatch(WebElement::isSelected);
        browser.button(settings, "Withdraw all consent").click();

        browser.waitGone(SETTINGS);
        browser.waitNoCookie("_ga");
        browser.waitNoCookie("_fbp");
        assertThat(browser.bannerState()).containsEntry("method", "withdraw");
        @SuppressWarnings("unchecked")
        Map<String, Object> purposes = (Map<String, Object>) browser.bannerState().get("purposes");
        assertThat(purposes).containsEntry("analytics", false)
                .containsEntry("marketing", false);
        assertThat(browser.consentModeUpdates()).last()
                .satisfies(update -> assertThat(update).containsEntry("analytics_storage", "denied"));
        assertThat(site.ledgerMethods(consentCookie())).containsExactly("accept-all", "withdraw");

        browser.control().click();
        settings = browser.settings();
        assertThat(settings.findElements(SWITCHES)).filteredOn(sw -> !"sales-contact".equals(sw.getDomAttribute("data-p")))
                .noneMatch(WebElement::isSelected);
        assertThat(browser.switchFor(settings, BannerObjectionBrowserTest.OBJECTABLE).isSelected())
                .as("withdrawing consent is no objection").isTrue();
        assertThat(browser.buttonTexts(settings, ".sk-f button")).containsExactly("Reject all", "Accept all", "Save choices");

        browser.driver.navigate().refresh();
        browser.control();
        assertNoGatedScriptRan();
    }

    @Test
    void aDecisionTheServerDidNotTakeKeepsTheBannerAndSaysSo() {
        open("en", PAGE);
        WebElement banner = browser.firstLayer();
        browser.js("window.realFetch = fetch; window.fetch = (url, init) => init.method === 'GET' ? realFetch(url, init)"
                + " : Promise.resolve(new Response('{\"error\":\"unavailable\"}', {status: 503}))");

        browser.button(banner, "Accept all").click();

        WebElement alert = banner.findElement(By.cssSelector("[role=alert]"));
        browser.waitVisible(alert);
        assertThat(alert.getText()).isEqualTo("Your choice was not saved. Please try again.");
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(browser.cookie("consent")).isNull();
        assertNoGatedScriptRan();

        browser.js("window.fetch = realFetch");
        browser.button(banner, "Accept all").click();
        browser.waitGone(FIRST_LAYER);
        browser.waitRan("analyticsRan");
        assertThat(site.ledgerMethods(consentCookie())).containsExactly("accept-all");
    }

    @Test
    void aSiteLinkMarkedDataSamtykkeOpenOpensTheSettingsAndGetsFocusBack() {
        open("en", PAGE);
        browser.button(browser.firstLayer(), "Reject all").click();
        browser.waitGone(FIRST_LAYER);
        WebElement link = browser.driver.findElement(By.id("footer-settings"));

        link.click();
        browser.waitFocused(browser.settings());
        assertThat(browser.driver.getCurrentUrl()).as("the link's default action is prevented").doesNotEndWith("#");
        browser.press(Keys.ESCAPE);
        browser.waitGone(SETTINGS);

        assertThat(browser.focused()).isEqualTo(link);
        assertThat(site.ledgerMethods(consentCookie())).as("leaving the settings decides nothing")
                .containsExactly("reject-all");
    }

    @Test
    void aClickOnTheBackdropLeavesFocusAndTabInsideTheSettings() {
        open("en", PAGE);
        browser.button(browser.firstLayer(), "Settings").click();
        WebElement settings = browser.settings();
        WebElement back = browser.button(settings, "Back");

        new Actions(browser.driver).moveToLocation(5, 5).click().perform();
        assertThat(browser.js("return arguments[0].contains(document.activeElement)", settings)).isEqualTo(true);
        browser.tab();
        assertThat(browser.focused()).isEqualTo(back);
        assertThat(browser.driver.findElements(SETTINGS)).as("the backdrop does not close the settings").hasSize(1);
    }

    @Test
    void theBannerCanBeUsedWithTheKeyboardAlone() {
        open("en", PAGE);
        WebElement banner = browser.firstLayer();
        assertThat(browser.focused()).as("focus moved into the first layer").isEqualTo(banner);

        browser.press(Keys.ESCAPE);
        assertThat(banner.isDisplayed()).as("Escape is not a decision").isTrue();
        assertThat(browser.cookie("consent")).isNull();

        List<WebElement> firstOrder = List.of(banner.findElement(By.linkText("Privacy notice")),
                browser.button(banner, "Accept all"), browser.button(banner, "Reject all"), browser.button(banner, "Settings"));
        for (WebElement expected : firstOrder) {
            browser.tab();
            assertThat(browser.focused()).isEqualTo(expected);
        }
        assertThat(browser.js("return getComputedStyle(document.activeElement).outlineStyle")).as("visible focus")
                .isEqualTo("solid");

        browser.press(Keys.ENTER);
        WebElement settings = browser.settings();
        assertThat(browser.focused()).as("focus moved into settings").isEqualTo(settings);
        @SuppressWarnings("unchecked")
        List<WebElement> order = (List<WebElement>) browser.js(
                "return [...arguments[0].querySelectorAll('a[href],button,input,summary')]", settings);
        assertThat(order).hasSizeGreaterThan(6);
        for (WebElement expected : order) {
            browser.tab();
            assertThat(browser.focused()).isEqualTo(expected);
        }
        browser.tab();
        assertThat(browser.focused()).as("Tab stays inside the settings dialog").isEqualTo(order.get(0));
        browser.shiftTab();
        assertThat(browser.focused()).isEqualTo(order.get(order.size() - 1));

        WebElement analytics = browser.switchFor(settings, "Improving and developing our services");
        WebElement marketing = browser.switchFor(settings, "Target groups and targeted marketing");
        analytics.sendKeys(Keys.SPACE);
        assertThat(analytics.isSelected()).as("Space switches on").isTrue();
        marketing.sendKeys(Keys.ENTER);
        assertThat(marketing.isSelected()).as("Enter switches on").isTrue();
        marketing.sendKeys(Keys.SPACE);
        assertThat(marketing.isSelected()).as("Space switches off").isFalse();
        WebElement summary = settings.findElement(By.xpath(".//summary[contains(., 'Meta Pixel')]"));
        summary.sendKeys(Keys.ENTER);
        assertThat(settings.getText()).contains("_fbp");

        browser.press(Keys.ESCAPE);
        browser.waitGone(SETTINGS);
        browser.waitVisible(banner); // the first layer fades back in: opacity 0 reads as not displayed
        assertThat(banner.isDisplayed()).as("Escape leads back to the first layer").isTrue();
        assertThat(browser.focused()).isEqualTo(browser.button(banner, "Settings"));
        assertThat(browser.cookie("consent")).isNull();

        browser.shiftTab();
        assertThat(browser.focused()).isEqualTo(browser.button(banner, "Reject all"));
        browser.press(Keys.SPACE);
        browser.waitGone(FIRST_LAYER);
        WebElement control = browser.control();
        assertThat(browser.focused()).as("focus lands on the privacy settings control").isEqualTo(control);
        assertThat(site.ledgerMethods(consentCookie())).containsExactly("reject-all");

        browser.press(Keys.ENTER);
        browser.waitFocused(browser.settings());
        browser.press(Keys.ESCAPE);
        browser.waitGone(SETTINGS);
        assertThat(browser.focused()).as("focus restored to the control").isEqualTo(control);
    }

    @ParameterizedTest(name = "browser {0}, page lang \"{1}\" -> {2}")
    @CsvSource({
        "nb, '', Jackon bruker informasjonskapsler, Godta alle|Avvis alle|Innstillinger, nb",
        "en, '', Jackon uses cookies, Accept all|Reject all|Settings, en",
        "en, nb, Jackon bruker informasjonskapsler, Godta alle|Avvis alle|Innstillinger, nb",
    })
    void textsFollowThePageLanguageThenTheBrowserLanguage(String browserLanguage, String pageLanguage, String title,
            String buttons, String bannerLang) {
        open(browserLanguage, pageLanguage.isEmpty() ? "/page" : "/page?lang=" + pageLanguage);
        assertThat(browser.js("return navigator.language")).isEqualTo(browserLanguage);
        WebElement banner = browser.firstLayer();

        assertThat(browser.titleOf(banner)).isEqualTo(title);
        assertThat(browser.buttonTexts(banner, "button")).containsExactly(buttons.split("\\|"));
        assertThat(browser.driver.findElement(By.cssSelector(".sk")).getAttribute("lang")).isEqualTo(bannerLang);
    }

    @Test
    void theLedgerRecordsTheLanguageTheBannerWasShownInNotTheBrowsers() {
        open("en", "/page?lang=nb");
        browser.button(browser.firstLayer(), "Godta alle").click();
        browser.waitGone(FIRST_LAYER);
        browser.waitRan("analyticsRan");

        browser.control().click();
        browser.button(browser.settings(), "Trekk tilbake alle samtykker").click();
        browser.waitGone(SETTINGS);
        browser.waitNoCookie("_ga");

        assertThat(site.ledgerMethods(consentCookie())).containsExactly("accept-all", "withdraw");
        assertThat(site.ledgerLocales(consentCookie())).as("POST and DELETE record the banner's locale")
                .containsExactly("nb", "nb");
    }

    @ParameterizedTest(name = "window {0}x{1}")
    @CsvSource({"1280, 800", "320, 640"})
    void theThreeFirstLayerButtonsCarryEqualWeight(int width, int height) {
        open("en", PAGE);
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        WebElement banner = browser.firstLayer();
        browser.settle();
        List<WebElement> buttons = banner.findElements(By.tagName("button"));
        assertThat(buttons).hasSize(3);

        WebElement accept = buttons.get(0);
        for (WebElement other : buttons.subList(1, 3)) {
            assertThat(other.getSize()).as("size of " + other.getText()).isEqualTo(accept.getSize());
            assertThat(other.getAttribute("class")).isEqualTo(accept.getAttribute("class"));
            for (String property : List.of("font-weight", "font-size", "font-family", "color", "background-color",
                    "border-top-color", "border-top-width", "border-radius", "padding-top", "padding-left")) {
                assertThat(other.getCssValue(property)).as(property + " of " + other.getText())
                        .isEqualTo(accept.getCssValue(property));
            }
        }
    }
}
