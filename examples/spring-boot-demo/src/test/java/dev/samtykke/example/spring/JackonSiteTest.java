package dev.samtykke.example.spring;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JackonSiteTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("jackon.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    StandInCollector collector;

    SiteClient site;

    @BeforeEach
    void client() {
        site = new SiteClient(port);
    }

    private long hits(String tracker, String page) {
        return collector.hits().stream().filter(h -> h.tracker().equals(tracker) && h.page().equals(page)).count();
    }

    @Test
    void theNorwegianHomePageRendersWithTheBannerAndGatedTags() throws Exception {
        HttpResponse<String> response = site.get("/", null);
        assertThat(response.statusCode()).isEqualTo(200);
        String html = response.body();
        assertThat(html).contains("<html lang=\"nb\">", "Isolasjon for bygg som varer", "Jackofoam XPS",
                "src=\"/consent/banner.js\"", "href=\"/consent/banner.css\"", "data-samtykke-open");
        assertThat(html).contains("<script type=\"text/plain\" data-consent=\"analytics\" id=\"ga4\">")
                .contains("<script type=\"text/plain\" data-consent=\"marketing\" id=\"meta-pixel\">");
        assertThat(html).doesNotContain("googletagmanager.com/gtag/js?").doesNotContain("src=\"https://connect.facebook.net");
    }

    @Test
    void consentModeDefaultIsRenderedBeforeAnyGoogleTag() throws Exception {
        String html = site.get("/", null).body();
        int defaults = html.indexOf("gtag('consent', 'default', {\"ad_storage\":\"denied\"");
        assertThat(defaults).isPositive();
        assertThat(html.substring(defaults)).contains("\"analytics_storage\":\"denied\"", "\"security_storage\":\"granted\"",
                "\"wait_for_update\":500");
        assertThat(defaults).isLessThan(html.indexOf("gtag('js'")).isLessThan(html.indexOf("data-consent="));
        assertThat(html).doesNotContain("gtag('consent', 'update'");

        String decided = site.get("/", site.consent("{\"purposes\":{\"analytics\":true,\"marketing\":false}}")).body();
        int update = decided.indexOf("gtag('consent', 'update', {");
        assertThat(update).isGreaterThan(decided.indexOf("gtag('consent', 'default'"))
                .isLessThan(decided.indexOf("gtag('js'"));
        assertThat(decided.substring(update)).contains("\"analytics_storage\":\"granted\"", "\"ad_storage\":\"denied\"");
    }

    @Test
    void theEnglishSiteLivesUnderEn() throws Exception {
        String html = site.get("/en", null).body();
        assertThat(html).contains("<html lang=\"en\">", "Insulation for buildings that last", "href=\"/en/privacy\"",
                "href=\"/\"");
        assertThat(site.get("/en/products/thermomur", null).body()).contains("Insulated formwork blocks");
        assertThat(site.get("/produkter/thermomur", null).body()).contains("Isolerte forskalingsblokker");
        assertThat(site.get("/produkter/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void thePrivacyPageIsRenderedFromThePolicyFile() throws Exception {
        String nb = site.get("/personvern", null).body();
        assertThat(nb).contains("<section class=\"samtykke-notice\" lang=\"nb\"", "Jackon AS", "Datatilsynet",
                "Levere innhold du ber om", "Google Analytics 4", "_ga");
        String en = site.get("/en/privacy", null).body();
        assertThat(en).contains("<section class=\"samtykke-notice\" lang=\"en\"", "Delivering content you ask for");
    }

    @Test
    void theContactFormStatesItsPurposeAndThanks() throws Exception {
        assertThat(site.get("/kontakt", null).body()).contains("formål: Levere innhold du ber om");
        HttpResponse<String> sent = site.post("/kontakt", "application/x-www-form-urlencoded",
                "name=" + enc("Kari Nordmann") + "&email=" + enc("kari@example.no") + "&message=" + enc("Hei!"), null);
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/kontakt/takk"));
        assertThat(site.get("/kontakt/takk", null).body()).contains("Takk for henvendelsen")
                .doesNotContain("Kari").doesNotContain("kari@example.no");

        HttpResponse<String> english = site.post("/en/contact", "application/x-www-form-urlencoded",
                "name=" + enc("Kari") + "&email=" + enc("kari@example.no") + "&message=" + enc("Hi"), null);
        assertThat(english.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/en/contact/thanks"));
    }

    @Test
    void anIncompleteContactFormIsShownAgainWithItsErrors() throws Exception {
        HttpResponse<String> response = site.post("/en/contact", "application/x-www-form-urlencoded",
                "name=" + enc("<b>Kari</b>") + "&email=nope&message=", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Enter a valid e-mail address.", "Enter a message.")
                .doesNotContain("Enter your name.").contains("&lt;b&gt;Kari&lt;/b&gt;");
    }

    @Test
    void theStandInTrackersReceiveNothingWithoutConsent() throws Exception {
        String page = "/no-consent-" + System.nanoTime();
        assertThat(site.post("/collect/ga?page=" + page, null, "", null).statusCode()).isEqualTo(204);
        assertThat(site.post("/collect/fb?page=" + page, null, "", null).statusCode()).isEqualTo(204);
        assertThat(hits("ga", page)).isZero();
        assertThat(hits("fb", page)).isZero();
    }

    @Test
    void theStandInTrackersReceiveWhatTheVisitorAllows() throws Exception {
        String analyticsOnly = site.consent("{\"purposes\":{\"analytics\":true,\"marketing\":false}}");
        String page = "/analytics-only-" + System.nanoTime();
        site.post("/collect/ga?page=" + page, null, "", analyticsOnly);
        site.post("/collect/fb?page=" + page, null, "", analyticsOnly);
        assertThat(hits("ga", page)).isEqualTo(1);
        assertThat(hits("fb", page)).isZero();
        assertThat(site.get("/demo/hits", null).body()).contains(page);
    }

    @Test
    void theServerSideTrackerRunsOnlyWithConsentToAnalytics() throws Exception {
        site.get("/produkter/jackopor", null);
        site.get("/produkter/jackopor", site.consent("{\"rejectAll\":true}"));
        assertThat(hits("server", "/produkter/jackopor")).isZero();
        site.get("/produkter/jackopor", site.consent("{\"acceptAll\":true}"));
        assertThat(hits("server", "/produkter/jackopor")).isEqualTo(1);
    }

    @Test
    void theConsentEndpointsAndBannerAnswer() throws Exception {
        assertThat(site.get("/consent", null).body()).contains("\"policyId\":\"jackon\"");
        assertThat(site.get("/consent/policy?lang=en", null).body()).contains("\"locale\":\"en\"");
        HttpResponse<String> banner = site.get("/consent/banner.js", null);
        assertThat(banner.statusCode()).isEqualTo(200);
        assertThat(banner.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    }

    @Test
    void decisionsAreRecordedInTheH2FileLedger() throws Exception {
        site.consent("{\"acceptAll\":true}");
        assertThat(Files.exists(dataDir.resolve("samtykke.mv.db"))).isTrue();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
