package dev.samtykke.servlet.browser;

import java.util.List;

/** The server under test (being wired to the real consent-servlet). */
final class BannerSite implements AutoCloseable {

    private final String base;

    private BannerSite(String base) {
        this.base = base;
    }

    static BannerSite start() {
        return new BannerSite(System.getProperty("samtykke.browser.external"));
    }

    String url(String path) {
        return base + path;
    }

    List<String> ledgerMethods(String consentCookieValue) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
