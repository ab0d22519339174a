package dev.samtykke.servlet.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every banner browser test class shares: one headless Chromium (skipped with a message when
 * it is not installed) and one {@link BannerSite} per class, and a browser session per test.
 */
abstract class BannerBrowserTestSupport {

    static Chromium chromium;
    static BannerSite site;
    BannerDriver browser;

    @BeforeAll
    static void startChromiumAndSite() throws Exception {
        chromium = Chromium.startOrSkip();
        site = BannerSite.start();
    }

    @AfterAll
    static void stopChromiumAndSite() {
        if (site != null) {
            site.close();
            site = null;
        }
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** A clean session in {@code language}, on {@code path} of the test site. */
    BannerDriver open(String language, String path) {
        browser = new BannerDriver(chromium.session(language));
        return browser.get(site.url(path));
    }
}
