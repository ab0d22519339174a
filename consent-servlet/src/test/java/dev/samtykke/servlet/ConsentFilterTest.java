package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link ConsentFilter} enforces in front of a real application in Jetty. */
class ConsentFilterTest {

    private static final ConsentEvaluator EVALUATOR = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK);
    private static final Servlets.Counter COLLECT = new Servlets.Counter();
    private static TestSite site;
    private static String analyticsOnly;
    private static String acceptedAll;

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(SamtykkeConfig.builder().trackingPath("/collect/**", "analytics").build(),
                Map.of("/page", new Servlets.Page(), "/collect/*", COLLECT, "/collector", new Servlets.Counter(),
                        "/forward", new Servlets.Forward()),
                // A second registration of the filter, also on forwards: it must not resolve or bind again.
                (context, samtykke) -> context.addFilter(new FilterHolder(samtykke.filter()), "/forward",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD)));
        analyticsOnly = site.consentCookie(EVALUATOR.decide(ConsentEvaluator.newSubjectId(), ConsentMethod.CUSTOM,
                Map.of("analytics", true, "marketing", false)));
        acceptedAll = site.consentCookie(EVALUATOR.acceptAll(ConsentEvaluator.newSubjectId()));
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @Test
    void cookiesOfPurposesNotGrantedAreDroppedWhicheverWayTheyAreSet() throws Exception {
        HttpResponse<String> response = site.get("/page?addCookie=_ga&addHeader=_fbp&setHeader=_ga_ABC");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestSite.setCookie(response, "_ga")).isNull();
        assertThat(TestSite.setCookie(response, "_fbp")).isNull();
        assertThat(TestSite.setCookie(response, "_ga_ABC")).isNull();
        assertThat(TestSite.setCookie(response, "JSESSIONID")).as("necessary cookie passes").contains("HttpOnly");
        assertThat(response.body()).isEqualTo("analytics=false marketing=false same=true");
    }

    @Test
    void cookiesOfGrantedPurposesPassWhicheverWayTheyAreSet() throws Exception {
        HttpResponse<String> addCookie = site.get("/page?addCookie=_ga", "Cookie", analyticsOnly);
        HttpResponse<String> addHeader = site.get("/page?addHeader=_ga_XYZ", "Cookie", analyticsOnly);
        HttpResponse<String> setHeader = site.get("/page?setHeader=_ga", "Cookie", analyticsOnly);
        HttpResponse<String> marketing = site.get("/page?addHeader=_fbp", "Cookie", analyticsOnly);

        assertThat(TestSite.setCookie(addCookie, "_ga")).isNotNull();
        assertThat(TestSite.setCookie(addHeader, "_ga_XYZ")).isNotNull();
        assertThat(TestSite.setCookie(setHeader, "_ga")).isNotNull();
        assertThat(TestSite.setCookie(marketing, "_fbp")).as("marketing not granted").isNull();
        assertThat(addCookie.body()).isEqualTo("analytics=true marketing=false same=true");
    }

    @Test
    void undeclaredCookieIsReportedAndByDefaultLetThrough() throws Exception {
        HttpResponse<String> response = site.get("/page?addCookie=mystery_tracker");

        assertThat(TestSite.setCookie(response, "mystery_tracker")).isNotNull();
        assertThat(site.samtykke.undeclaredCookies().names()).contains("mystery_tracker").doesNotContain("_ga", "JSESSIONID");
    }

    @Test
    void undeclaredCookieIsDroppedWhenConfiguredAndStillReported() throws Exception {
        try (TestSite strict = TestSite.start(SamtykkeConfig.builder().undeclaredCookies(UndeclaredCookiePolicy.BLOCK).build(),
                Map.of("/page", new Servlets.Page()))) {
            HttpResponse<String> response = strict.get("/page?addHeader=other_tracker", "Cookie", acceptedAll);

            assertThat(TestSite.setCookie(response, "other_tracker")).isNull();
            assertThat(TestSite.setCookie(response, "JSESSIONID")).isNotNull();
            assertThat(strict.samtykke.undeclaredCookies().names()).containsExactly("other_tracker");
        }
    }

    /** A gated beacon's body is never read, so the answer ends the connection openly. */
    @Test
    void aGatedBeaconWithABodyClosesTheConnection() throws Exception {
        java.net.URI uri = site.uri("/");
        String answer;
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /collect/event HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 9\r\n\r\n{\"e\":\"v\"}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        assertThat(answer).startsWith("HTTP/1.1 204").containsIgnoringCase("\r\nConnection: close\r\n");
    }

    @Test
    void trackingPathAnswers204WithoutRunningTheApplicationUntilGranted() throws Exception {
        int before = COLLECT.calls.get();

        HttpResponse<String> gated = site.get("/collect/event?e=view");

        assertThat(gated.statusCode()).isEqualTo(204);
        assertThat(gated.body()).isEmpty();
        assertThat(COLLECT.calls.get()).isEqualTo(before);

        HttpResponse<String> allowed = site.get("/collect/event?e=view", "Cookie", analyticsOnly);

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("tracked");
        assertThat(COLLECT.calls.get()).isEqualTo(before + 1);
    }

    @Test
    void pathsBesideATrackingPathAreNotGated() throws Exception {
        HttpResponse<String> response = site.get("/collector");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("tracked");
    }

    @Test
    void globalPrivacyControlDeniesGpcOptOutPurposesDespiteConsent() throws Exception {
        HttpResponse<String> page = site.get("/page?addCookie=_ga", "Cookie", acceptedAll, "Sec-GPC", "1");
        HttpResponse<String> state = site.get("/consent", "Cookie", acceptedAll, "Sec-GPC", "1");
        HttpResponse<String> collect = site.get("/collect/x", "Cookie", acceptedAll, "Sec-GPC", "1");

        assertThat(page.body()).isEqualTo("analytics=false marketing=false same=true");
        assertThat(TestSite.setCookie(page, "_ga")).isNull();
        assertThat(state.body()).contains("\"analytics\":false", "\"gpc\":true");
        assertThat(collect.statusCode()).isEqualTo(204);
    }

    @Test
    void tamperedCookieCountsAsNoDecision() throws Exception {
        String value = acceptedAll.substring("consent=".length());
        assertThat(site.get("/page", "Cookie", acceptedAll).body()).startsWith("analytics=true marketing=true");

        for (int i = 0; i < value.length(); i++) {
            String tampered = value.substring(0, i) + (value.charAt(i) == 'A' ? 'B' : 'A') + value.substring(i + 1);
            HttpResponse<String> page = site.get("/page?addCookie=_ga", "Cookie", "consent=" + tampered);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as("character %d changed: %s", i, tampered).isEqualTo("analytics=false marketing=false same=true");
            assertThat(TestSite.setCookie(page, "_ga")).isNull();
        }
        String truncated = value.substring(0, value.length() - 4);
        assertThat(site.get("/consent", "Cookie", "consent=" + truncated).body()).contains("\"needsPrompt\":true", "\"decidedAt\":null");
        assertThat(site.get("/consent", "Cookie", "consent=" + value + "AAAA").body()).contains("\"needsPrompt\":true");
    }

    @Test
    void aPageViewWithoutCookieSetsNoConsentCookie() throws Exception {
        HttpResponse<String> response = site.get("/page");

        assertThat(TestSite.setCookie(response, "consent")).isNull();
    }

    @Test
    void aRequestFilteredTwiceIsResolvedOnceAndBoundOnce() throws Exception {
        HttpResponse<String> response = site.get("/forward", "Cookie", analyticsOnly);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("analytics=true marketing=false same=true");
    }
}
