package dev.samtykke.benchmarks.browser;

import java.util.Locale;
import java.util.Map;

/**
 * The consent banners the browser benchmark compares, each on its own page of {@link BenchSite} with the
 * same content, configured for the purposes of the Jackon reference policy. {@code layer} selects the
 * banner's first layer and {@code accept} its accept-all button inside it: the probe
 * ({@code bench/browser/probe.js}) applies the same visibility and interactivity rules to each.
 */
enum BannerTool {

    SAMTYKKE("Samtykke", null, ".sk-1[role=dialog]", ".sk-bs > button.sk-b:first-child", Map.of()),

    COOKIECONSENT("CookieConsent", "vanilla-cookieconsent", "#cc-main .cm", ".cm__btn[data-role=all]", Map.of(
            "/peers/cookieconsent/cookieconsent.umd.js", "vanilla-cookieconsent/dist/cookieconsent.umd.js",
            "/peers/cookieconsent/cookieconsent.css", "vanilla-cookieconsent/dist/cookieconsent.css")),

    KLARO("Klaro", "klaro", "#klaro .cookie-notice", ".cm-btn-success", Map.of(
            "/peers/klaro/klaro.js", "klaro/dist/klaro.js"));

    private final String title;
    private final String npmPackage;
    private final String layer;
    private final String accept;
    private final Map<String, String> npmFiles;

    BannerTool(String title, String npmPackage, String layer, String accept, Map<String, String> npmFiles) {
        this.title = title;
        this.npmPackage = npmPackage;
        this.layer = layer;
        this.accept = accept;
        this.npmFiles = npmFiles;
    }

    /** The name in the report. */
    String title() {
        return title;
    }

    /** The npm package of a peer (its version is read from {@code node_modules}), or {@code null} for Samtykke. */
    String npmPackage() {
        return npmPackage;
    }

    /** The page that loads this banner. */
    String path() {
        return "/" + name().toLowerCase(Locale.ROOT);
    }

    /** CSS selector of the first layer. */
    String layer() {
        return layer;
    }

    /** CSS selector of the accept-all button, within the first layer. */
    String accept() {
        return accept;
    }

    /** The peer's files the site serves: URL path to the path under {@code node_modules}. */
    Map<String, String> npmFiles() {
        return npmFiles;
    }

    /** The resource name of one of this tool's fragments of the page ({@code head} or {@code gated}). */
    String fragment(String part) {
        return "bench/browser/" + name().toLowerCase(Locale.ROOT) + "-" + part + ".html";
    }
}
