package dev.samtykke.servlet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent cookie's name and attributes over real HTTP: {@code consent} and {@code HttpOnly} on plain HTTP;
 * {@code __Host-consent} with {@code Secure}, {@code Path=/}, no {@code Domain} and {@code HttpOnly} on a secure
 * request (Jetty behind a TLS proxy, {@code X-Forwarded-Proto: https}); the legacy name read as a fallback.
 *
 * <p>What {@code __Host-} buys, and what the server can check of it: a browser stores a {@code __Host-} cookie only
 * from a secure page, with {@code Secure}, {@code Path=/} and no {@code Domain}, so neither a sibling subdomain nor
 * a plain-HTTP page (a network attacker) can set or overwrite it. The server cannot see where a cookie came from (the
 * {@code Cookie} header carries no attributes); what it checks is that it writes the cookie so that browsers keep
 * it, that a {@code consent} cookie planted beside it never wins, and that a decision taken while holding only a
 * legacy {@code consent} cookie does not carry that cookie's subject id into the host-only one.
 */
class ConsentCookieNameTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConsentEvaluator evaluator = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK);

    private static String[] secure(TestSite site, String... more) {
        String[] headers = new String[4 + more.length];
        headers[0] = "X-Forwarded-Proto";
        headers[1] = "https";
        headers[2] = "Origin";
        headers[3] = "https://" + site.uri("/").getAuthority();
        System.arraycopy(more, 0, headers, 4, more.length);
        return headers;
    }

    private String subjectOf(TestSite site, HttpResponse<String> response, String name) {
        return site.codec.decode(TestSite.cookieValue(response, name)).decision().orElseThrow().subjectId();
    }

    @Test
    void plainHttpGetsAnHttpOnlyCookieNamedConsent() throws Exception {
        try (TestSite site = TestSite.start()) {
            HttpResponse<String> response = site.post("/consent", "{\"acceptAll\":true}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(TestSite.setCookies(response)).hasSize(1);
            assertThat(TestSite.setCookie(response, "consent")).contains("; Path=/", "; HttpOnly", "; SameSite=Lax")
                    .doesNotContain("Secure", "Domain=");
        }
    }

    @Test
    void aSecureRequestGetsAHostPrefixedCookie() throws Exception {
        try (TestSite site = TestSite.startBehindTlsProxy(SamtykkeConfig.ofDefaults(), Map.of())) {
            HttpResponse<String> response = site.post("/consent", "{\"acceptAll\":true}", secure(site));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(TestSite.setCookies(response)).hasSize(1);
            String header = TestSite.setCookie(response, "__Host-consent");
            assertThat(header).contains("; Path=/", "; Secure", "; HttpOnly", "; SameSite=Lax").doesNotContain("Domain=");
            assertThat(header.split(";")[0]).startsWith("__Host-consent=");

            String cookie = "__Host-consent=" + TestSite.cookieValue(response, "__Host-consent");
            JsonNode state = JSON.readTree(site.get("/consent", secure(site, "Cookie", cookie)).body());
            assertThat(state.get("method").asString()).isEqualTo("accept-all");
            assertThat(state.get("needsPrompt").asBoolean()).isFalse();
            JsonNode plain = JSON.readTree(site.get("/consent", "Cookie", cookie).body());
            assertThat(plain.get("needsPrompt").asBoolean()).as("not read on a plain-HTTP request").isTrue();
        }
    }

    @Test
    void aLegacyCookieKeepsItsDecisionAndIsReissuedUnderTheHostNameWithAFreshSubject() throws Exception {
        try (TestSite site = TestSite.startBehindTlsProxy(SamtykkeConfig.ofDefaults(), Map.of())) {
            ConsentDecision old = evaluator.decide(ConsentEvaluator.newSubjectId(), ConsentMethod.CUSTOM,
                    Map.of("analytics", true, "marketing", false));
            String legacy = site.consentCookie(old);

            JsonNode kept = JSON.readTree(site.get("/consent", secure(site, "Cookie", legacy)).body());
            assertThat(kept.get("needsPrompt").asBoolean()).isFalse();
            assertThat(kept.get("purposes").get("analytics").asBoolean()).isTrue();

            HttpResponse<String> next = site.post("/consent", "{\"purposes\":{\"marketing\":true}}",
                    secure(site, "Cookie", legacy));

            assertThat(next.statusCode()).isEqualTo(200);
            JsonNode state = JSON.readTree(next.body());
            assertThat(state.get("purposes").get("analytics").asBoolean()).as("the legacy decision carried over").isTrue();
            assertThat(state.get("purposes").get("marketing").asBoolean()).isTrue();
            assertThat(TestSite.setCookie(next, "__Host-consent")).contains("; Secure", "; HttpOnly");
            assertThat(TestSite.setCookie(next, "consent")).as("the legacy cookie expires").contains("Max-Age=0");
            assertThat(subjectOf(site, next, "__Host-consent")).isNotEqualTo(old.subjectId());
        }
    }

    @Test
    void aPlantedConsentCookieNeverOutranksTheHostCookie() throws Exception {
        try (TestSite site = TestSite.startBehindTlsProxy(SamtykkeConfig.ofDefaults(), Map.of())) {
            ConsentDecision planted = evaluator.acceptAll(ConsentEvaluator.newSubjectId());
            ConsentDecision mine = evaluator.rejectAll(ConsentEvaluator.newSubjectId());
            String plantedCookie = site.consentCookie(planted);
            String myCookie = "__Host-consent=" + site.codec.encode(mine);

            for (String header : new String[] {plantedCookie + "; " + myCookie, myCookie + "; " + plantedCookie}) {
                JsonNode state = JSON.readTree(site.get("/consent", secure(site, "Cookie", header)).body());
                assertThat(state.get("method").asString()).isEqualTo("reject-all");
            }
            HttpResponse<String> decided = site.post("/consent", "{\"acceptAll\":true}",
                    secure(site, "Cookie", plantedCookie + "; " + myCookie));
            assertThat(subjectOf(site, decided, "__Host-consent")).isEqualTo(mine.subjectId());
            assertThat(TestSite.setCookie(decided, "consent")).as("no legacy cookie in play").isNull();
            assertThat(site.get("/consent/records", secure(site, "Cookie", plantedCookie + "; " + myCookie)).body())
                    .contains(mine.subjectId()).doesNotContain(planted.subjectId());
        }
    }

    @Test
    void aCookieDomainKeepsThePlainNameOnSecureRequests() throws Exception {
        try (TestSite site = TestSite.startBehindTlsProxy(SamtykkeConfig.builder().cookieDomain("127.0.0.1.nip.io").build(),
                Map.of())) {
            HttpResponse<String> response = site.post("/consent", "{\"acceptAll\":true}", secure(site));

            assertThat(TestSite.setCookie(response, "consent")).contains("; Domain=127.0.0.1.nip.io", "; Secure", "; HttpOnly");
            assertThat(TestSite.setCookie(response, "__Host-consent")).isNull();
        }
    }

    @Test
    void aConfiguredHostNameIsAlwaysSecureAndHostOnly() throws Exception {
        try (TestSite site = TestSite.start(SamtykkeConfig.builder().cookieName("__Host-c").build(), Map.of())) {
            HttpResponse<String> response = site.post("/consent", "{\"acceptAll\":true}");

            assertThat(TestSite.setCookie(response, "__Host-c")).contains("; Path=/", "; Secure", "; HttpOnly")
                    .doesNotContain("Domain=");
        }
    }

    @Test
    void theFilterReadsTheCookieUnderTheNameInForce() throws Exception {
        Servlets.Counter collect = new Servlets.Counter();
        SamtykkeConfig config = SamtykkeConfig.builder().trackingPath("/collect/*", "analytics").build();
        try (TestSite site = TestSite.startBehindTlsProxy(config, Map.of("/collect/*", collect))) {
            String granted = site.codec.encode(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));

            assertThat(site.get("/collect/x", secure(site, "Cookie", "__Host-consent=" + granted)).statusCode()).isEqualTo(200);
            assertThat(site.get("/collect/x", secure(site, "Cookie", "consent=" + granted)).statusCode())
                    .as("the legacy name, as a fallback").isEqualTo(200);
            assertThat(site.get("/collect/x", "Cookie", "__Host-consent=" + granted).statusCode())
                    .as("plain HTTP reads the plain name only").isEqualTo(204);
            assertThat(collect.calls).hasValue(2);
        }
    }
}
