package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.FIRST_LAYER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The built-in labels in a real browser: the reference policy given German and Finnish as further
 * locales (its own texts stay nb/en, so the banner's words are the built-in ones) shows a German and a
 * Finnish first layer and settings, and the ledger records the language shown.
 */
class BannerLanguagesBrowserTest {

    private static Chromium chromium;
    private static BannerSite site;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.startOrSkip();
        site = BannerSite.start(BannerSite.POLICY.toBuilder()
                .locales(List.of(Locale.forLanguageTag("nb"), Locale.ENGLISH, Locale.GERMAN, Locale.forLanguageTag("fi")))
                .buildUnchecked());
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "de|Ihre Privatsphäre ist uns wichtig|Alle akzeptieren|Alle ablehnen|Einstellungen|Datenschutzerklärung|Datenschutzeinstellungen",
        "fi|Välitämme yksityisyydestäsi|Hyväksy kaikki|Hylkää kaikki|Asetukset|Tietosuojaseloste|Yksityisyysasetukset",
    })
    void theFirstLayerSpeaksTheVisitorsLanguage(String lang, String title, String accept, String reject, String settings,
            String notice, String settingsTitle) {
        BannerDriver browser = new BannerDriver(chromium.session(lang));
        browser.get(site.url("/page"));
        WebElement banner = browser.firstLayer();

        assertThat(browser.titleOf(banner)).isEqualTo(title);
        assertThat(browser.buttonTexts(banner, "button")).containsExactly(accept, reject, settings);
        assertThat(banner.findElement(By.tagName("a")).getText()).isEqualTo(notice);
        assertThat(browser.driver.findElement(By.cssSelector(".sk")).getDomAttribute("lang")).isEqualTo(lang);

        browser.button(banner, settings).click();
        WebElement layer = browser.settings();
        assertThat(browser.titleOf(layer)).isEqualTo(settingsTitle);
        browser.press(org.openqa.selenium.Keys.ESCAPE);
        browser.button(browser.firstLayer(), reject).click();
        browser.waitGone(FIRST_LAYER);
        assertThat(site.ledgerLocales(browser.cookie("consent").getValue())).containsExactly(lang);
    }
}
