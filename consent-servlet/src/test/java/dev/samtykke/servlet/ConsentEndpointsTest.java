package dev.samtykke.servlet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.cookie.CookieDecodeResult;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.NoticeHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent endpoints' contract (DESIGN.md "HTTP contract"), row by row, over real HTTP. */
class ConsentEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestSite site;
    private final ConsentEvaluator evaluator = new ConsentEvaluator(TestSite.POLICY, TestSite.CLOCK);

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start();
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    @BeforeEach
    void ledgerUp() {
        site.ledger.failing = false;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    @Test
    void getWithoutCookieAnswersUndecidedStateListingEveryPurposeAndSetsNoCookie() throws Exception {
        HttpResponse<String> response = site.get("/consent");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = json(response);
        assertThat(state.get("policyId").asString()).isEqualTo("jackon");
        assertThat(state.get("policyVersion").asString()).isEqualTo("1.0");
        assertThat(JSON.convertValue(state.get("purposes"), Map.class)).isEqualTo(Map.of(
                "requested-content", true, "analytics", false, "marketing", false,
                "sales-contact", true, "security", true, "legal-obligations", true));
        assertThat(state.get("decidedAt").isNull()).isTrue();
        assertThat(state.get("expiresAt").isNull()).isTrue();
        assertThat(state.get("method").isNull()).isTrue();
        assertThat(state.get("needsPrompt").asBoolean()).isTrue();
        assertThat(state.get("gpc").asBoolean()).isFalse();
        assertThat(state.get("consentMode").get("analytics_storage").asString()).isEqualTo("denied");
        assertThat(state.get("consentMode").get("security_storage").asString()).isEqualTo("granted");
        assertThat(TestSite.setCookies(response)).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void getWithCookieAnswersTheDecision() throws Exception {
        ConsentDecision decision = evaluator.decide(ConsentEvaluator.newSubjectId(), ConsentMethod.CUSTOM,
                Map.of("analytics", true, "marketing", false));

        JsonNode state = json(site.get("/consent", "Cookie", site.consentCookie(decision)));

        assertThat(state.get("purposes").get("analytics").asBoolean()).isTrue();
        assertThat(state.get("purposes").get("marketing").asBoolean()).isFalse();
        assertThat(state.get("method").asString()).isEqualTo("custom");
        assertThat(state.get("decidedAt").asString()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(state.get("expiresAt").asString()).isEqualTo(decision.expiresAt().toString());
        assertThat(state.get("needsPrompt").asBoolean()).isFalse();
        assertThat(state.get("consentMode").get("analytics_storage").asString()).isEqualTo("granted");
        assertThat(state.get("consentMode").get("ad_storage").asString()).isEqualTo("denied");
    }

    @Test
    void postAcceptAllSetsSignedCookieAppendsRecordAndAnswersNewState() throws Exception {
        int before = site.ledger.appended.size();

        HttpResponse<String> response = site.post("/consent", "{\"acceptAll\":true}",
                "Referer", site.origin() + "/produkter/isolasjon?q=secret", "Accept-Language", "en-GB,en;q=0.9");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = json(response);
        assertThat(state.get("purposes").get("analytics").asBoolean()).isTrue();
        assertThat(state.get("purposes").get("marketing").asBoolean()).isTrue();
        assertThat(state.get("method").asString()).isEqualTo("accept-all");
        assertThat(state.get("needsPrompt").asBoolean()).isFalse();

        String header = TestSite.setCookie(response, "consent");
        assertThat(header).contains("; Path=/", "; Max-Age=31536000", "; SameSite=Lax", "; HttpOnly")
                .doesNotContain("Secure", "Domain=");
        CookieDecodeResult cookie = site.codec.decode(TestSite.cookieValue(response, "consent"));
        assertThat(cookie.isValid()).isTrue();
        assertThat(cookie.decision().orElseThrow().method()).isEqualTo(ConsentMethod.ACCEPT_ALL);

        assertThat(site.ledger.appended).hasSize(before + 1);
        NewConsentRecord record = site.ledger.last();
        assertThat(record.decision()).isEqualTo(cookie.decision().orElseThrow());
        assertThat(record.locale()).isEqualTo("en");
        assertThat(record.collectionPoint()).isEqualTo("/produkter/isolasjon");
        assertThat(record.noticeHash()).isEqualTo(NoticeHash.of(TestSite.POLICY, Locale.forLanguageTag("en")));
    }

    @Test
    void theNoticeHashOfEachLocaleIsComputedOnceNotPerDecision() throws Exception {
        site.post("/consent", "{\"rejectAll\":true,\"locale\":\"nb\"}");
        String first = site.ledger.last().noticeHash();
        site.post("/consent", "{\"acceptAll\":true,\"locale\":\"nb\"}");
        String second = site.ledger.last().noticeHash();
        site.post("/consent", "{\"acceptAll\":true,\"locale\":\"en\"}");
        String english = site.ledger.last().noticeHash();

        assertThat(first).isEqualTo(NoticeHash.of(TestSite.POLICY, Locale.forLanguageTag("nb")));
        assertThat(second).as("the very same precomputed hash").isSameAs(first);
        assertThat(english).isEqualTo(NoticeHash.of(TestSite.POLICY, Locale.forLanguageTag("en")))
                .isSameAs(site.samtykke.noticeHash(Locale.forLanguageTag("en")));
    }

    @Test
    void postRejectAllDeniesEveryConsentPurpose() throws Exception {
        HttpResponse<String> response = site.post("/consent", "{\"rejectAll\":true}");

        JsonNode state = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(state.get("purposes").get("analytics").asBoolean()).isFalse();
        assertThat(state.get("purposes").get("marketing").asBoolean()).isFalse();
        assertThat(state.get("purposes").get("security").asBoolean()).isTrue();
        assertThat(state.get("method").asString()).isEqualTo("reject-all");
        assertThat(state.get("needsPrompt").asBoolean()).isFalse();
        assertThat(site.ledger.last().decision().method()).isEqualTo(ConsentMethod.REJECT_ALL);
        assertThat(site.ledger.last().locale()).isEqualTo("nb");
        assertThat(site.ledger.last().collectionPoint()).isEqualTo("/consent");
    }

    @Test
    void postPurposesRecordsCustomChoicesAndKeepsTheSubject() throws Exception {
        String subject = ConsentEvaluator.newSubjectId();
        String cookie = site.consentCookie(evaluator.rejectAll(subject));

        HttpResponse<String> response = site.post("/consent", "{\"purposes\":{\"analytics\":true}}", "Cookie", cookie);

        JsonNode state = json(response);
        assertThat(state.get("purposes").get("analytics").asBoolean()).isTrue();
        assertThat(state.get("purposes").get("marketing").asBoolean()).isFalse();
        assertThat(state.get("method").asString()).isEqualTo("custom");
        ConsentDecision decided = site.codec.decode(TestSite.cookieValue(response, "consent")).decision().orElseThrow();
        assertThat(decided.subjectId()).isEqualTo(subject);
        assertThat(decided.grants()).containsEntry("analytics", true).containsEntry("marketing", false);
    }

    @Test
    void postWithoutCookieGivesTheVisitorANewRandomSubject() throws Exception {
        HttpResponse<String> first = site.post("/consent", "{\"rejectAll\":true}");
        HttpResponse<String> second = site.post("/consent", "{\"rejectAll\":true}");

        String a = site.codec.decode(TestSite.cookieValue(first, "consent")).decision().orElseThrow().subjectId();
        String b = site.codec.decode(TestSite.cookieValue(second, "consent")).decision().orElseThrow().subjectId();
        assertThat(a).isNotEqualTo(b).hasSize(22);
    }

    @Test
    void postThatDeniesAnEarlierGrantExpiresThatPurposesCookies() throws Exception {
        String cookie = site.consentCookie(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));

        HttpResponse<String> response = site.post("/consent", "{\"purposes\":{\"analytics\":false}}",
                "Cookie", cookie + "; _ga=GA1.1.1; _fbp=fb.1.2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestSite.setCookie(response, "_ga")).contains("Max-Age=0");
        assertThat(TestSite.setCookie(response, "_fbp")).as("marketing stays granted").isNull();
    }

    /**
     * Google Analytics sets _ga on the highest domain it can (jackon.no for www.jackon.no), which a
     * host-only expiry does not reach: withdrawal expires it on the host's parent domains too.
     */
    @Test
    void withdrawalExpiresCookiesOnTheParentDomainsOfARealHost() throws Exception {
        String answer = withdrawAt("www.jackon.no", "_ga=GA1.2.3");

        assertThat(answer).startsWith("HTTP/1.1 200");
        List<String> expiries = answer.lines().filter(line -> line.regionMatches(true, 0, "Set-Cookie: _ga=", 0, 16)).toList();
        assertThat(expiries).hasSize(3).allSatisfy(line -> assertThat(line).contains("Max-Age=0", "Path=/"));
        assertThat(expiries).filteredOn(line -> !line.contains("Domain=")).hasSize(1);
        assertThat(expiries).anySatisfy(line -> assertThat(line).containsIgnoringCase("Domain=www.jackon.no"));
        assertThat(expiries).anySatisfy(line -> assertThat(line).containsIgnoringCase("Domain=jackon.no"));
    }

    /**
     * Many carried cookies on a deep host would need far more expiring headers than a server's 8 KiB
     * header limit allows, which would lose the new consent cookie: they are capped, the most likely
     * domains first, and the consent cookie is always set.
     */
    @Test
    void withdrawalExpiriesStayWithinAHeaderBudget() throws Exception {
        StringBuilder carried = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            carried.append(i == 0 ? "" : "; ").append("_ga_STREAM").append(i).append("=GS1.1");
        }

        String answer = withdrawAt("a.b.www.jackon.no", carried.toString());

        assertThat(answer).startsWith("HTTP/1.1 200");
        List<String> expiries = answer.lines().filter(line -> line.startsWith("Set-Cookie: _ga_STREAM")).toList();
        int bytes = expiries.stream().mapToInt(line -> line.length() + 2).sum();
        assertThat(bytes).isBetween(ConsentEndpoints.MAX_EXPIRY_BYTES - 200, ConsentEndpoints.MAX_EXPIRY_BYTES);
        assertThat(expiries).as("host-only first, for every cookie").allSatisfy(line -> assertThat(line).doesNotContain("Domain="));
        assertThat(answer.lines().filter(line -> line.startsWith("Set-Cookie: consent=")).findFirst())
                .hasValueSatisfying(line -> assertThat(line).doesNotContain("Max-Age=0"));
    }

    /** A raw DELETE /consent with this Host and these cookies besides an accept-all consent cookie. */
    private String withdrawAt(String host, String cookies) throws Exception {
        String cookie = site.consentCookie(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));
        java.net.URI uri = site.uri("/");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("DELETE /consent HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + "Cookie: " + cookie + "; " + cookies + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void deleteWithdrawsEverythingAndExpiresCarriedFirstPartyCookiesIncludingHttpOnlyOnes() throws Exception {
        String subject = ConsentEvaluator.newSubjectId();
        String cookies = site.consentCookie(evaluator.acceptAll(subject))
                + "; _ga=GA1.1.1; _ga_ABC123=GS1.1; _fbp=fb.1.2; JSESSIONID=node01; unknown=1";
        int before = site.ledger.appended.size();

        HttpResponse<String> response = site.delete("/consent", "Cookie", cookies);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = json(response);
        assertThat(state.get("purposes").get("analytics").asBoolean()).isFalse();
        assertThat(state.get("purposes").get("marketing").asBoolean()).isFalse();
        assertThat(state.get("method").asString()).isEqualTo("withdraw");
        assertThat(TestSite.setCookie(response, "_ga")).contains("Max-Age=0", "Path=/");
        assertThat(TestSite.setCookie(response, "_ga_ABC123")).as("pattern _ga_* expires the concrete name").contains("Max-Age=0");
        assertThat(TestSite.setCookie(response, "_fbp")).contains("Max-Age=0");
        assertThat(TestSite.setCookie(response, "JSESSIONID")).as("necessary").isNull();
        assertThat(TestSite.setCookie(response, "unknown")).as("undeclared").isNull();
        ConsentDecision withdrawn = site.codec.decode(TestSite.cookieValue(response, "consent")).decision().orElseThrow();
        assertThat(withdrawn.method()).isEqualTo(ConsentMethod.WITHDRAW);
        assertThat(withdrawn.subjectId()).isEqualTo(subject);
        assertThat(site.ledger.appended).hasSize(before + 1);
        assertThat(site.ledger.last().decision()).isEqualTo(withdrawn);
    }

    @Test
    void deleteClearsAnHttpOnlyCookieTheApplicationSetEarlier() throws Exception {
        try (TestSite withApp = TestSite.start(SamtykkeConfig.ofDefaults(), Map.of("/login", new Servlets.SetCookie(
                "_ga", "GA1.2.3", true)))) {
            String consent = withApp.consentCookie(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));
            HttpResponse<String> set = withApp.get("/login", "Cookie", consent);
            assertThat(TestSite.setCookie(set, "_ga")).contains("HttpOnly");

            HttpResponse<String> withdrawn = withApp.delete("/consent", "Cookie", consent + "; _ga=GA1.2.3");

            assertThat(TestSite.setCookie(withdrawn, "_ga")).contains("_ga=;", "Max-Age=0");
        }
    }

    @Test
    void policyIsServedInTheRequestedLanguage() throws Exception {
        HttpResponse<String> response = site.get("/consent/policy?lang=en");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Language");
        JsonNode policy = json(response);
        assertThat(policy.get("id").asString()).isEqualTo("jackon");
        assertThat(policy.get("version").asString()).isEqualTo("1.0");
        assertThat(policy.get("locale").asString()).isEqualTo("en");
        assertThat(JSON.convertValue(policy.get("locales"), List.class)).isEqualTo(List.of("nb", "en"));
        assertThat(policy.get("controller").get("name").asString()).isEqualTo("Jackon AS");
        assertThat(policy.get("noticeUrl").asString()).isEqualTo("/en/privacy");
        assertThat(policy.get("labels").get("title").asString()).as("policy banner text wins").isEqualTo("Jackon uses cookies");
        assertThat(policy.get("labels").get("acceptAll").asString()).as("built-in label").isEqualTo("Accept all");

        JsonNode necessary = policy.get("categories").get(0);
        assertThat(necessary.get("id").asString()).isEqualTo("necessary");
        assertThat(necessary.get("required").asBoolean()).isTrue();
        JsonNode analytics = policy.get("categories").get(1);
        assertThat(analytics.get("required").asBoolean()).isFalse();
        JsonNode purpose = analytics.get("purposes").get(0);
        assertThat(purpose.get("id").asString()).isEqualTo("analytics");
        assertThat(purpose.get("legalBasis").asString()).isEqualTo("consent");
        assertThat(purpose.get("requiresConsent").asBoolean()).isTrue();
        JsonNode service = purpose.get("services").get(0);
        assertThat(service.get("id").asString()).isEqualTo("google-analytics");
        assertThat(JSON.convertValue(service.get("consentModeTypes"), List.class)).isEqualTo(List.of("analytics_storage"));
        JsonNode ga = service.get("cookies").get(0);
        assertThat(ga.get("name").asString()).isEqualTo("_ga");
        assertThat(ga.get("party").asString()).isEqualTo("first");
        assertThat(ga.get("duration").asString()).isEqualTo("P2Y");
        assertThat(ga.get("durationText").asString()).isEqualTo("2 years");
        assertThat(necessary.toString()).contains("\"durationText\":\"Session\"");
    }

    @Test
    void policyLanguageFollowsLangThenAcceptLanguageThenTheDefault() throws Exception {
        assertThat(json(site.get("/consent/policy?lang=nb", "Accept-Language", "en")).get("locale").asString()).isEqualTo("nb");
        assertThat(json(site.get("/consent/policy", "Accept-Language", "en-US,en;q=0.8")).get("locale").asString()).isEqualTo("en");
        assertThat(json(site.get("/consent/policy?lang=fr", "Accept-Language", "en")).get("locale").asString()).isEqualTo("en");
        assertThat(json(site.get("/consent/policy?lang=fr", "Accept-Language", "de")).get("locale").asString()).isEqualTo("nb");
        JsonNode nb = json(site.get("/consent/policy"));
        assertThat(nb.get("locale").asString()).isEqualTo("nb");
        assertThat(nb.get("labels").get("acceptAll").asString()).isEqualTo("Godta alle");
        assertThat(nb.get("categories").get(1).get("purposes").get(0).get("services").get(0).get("cookies").get(0)
                .get("durationText").asString()).isEqualTo("2 år");
    }

    @Test
    void policyCarriesAnETagPerLocaleAndAnswers304WhenItMatches() throws Exception {
        HttpResponse<String> en = site.get("/consent/policy?lang=en");
        HttpResponse<String> nb = site.get("/consent/policy?lang=nb");
        String enTag = en.headers().firstValue("ETag").orElseThrow();
        String nbTag = nb.headers().firstValue("ETag").orElseThrow();

        assertThat(enTag).matches("\"[0-9a-f]{32}\"").isNotEqualTo(nbTag);
        assertThat(en.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(site.get("/consent/policy?lang=en").headers().firstValue("ETag")).hasValue(enTag);

        HttpResponse<String> unchanged = site.get("/consent/policy?lang=en", "If-None-Match", enTag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).hasValue(enTag);
        assertThat(unchanged.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(unchanged.headers().firstValue("Vary")).hasValue("Accept-Language");

        HttpResponse<String> otherLocale = site.get("/consent/policy?lang=nb", "If-None-Match", enTag);
        assertThat(otherLocale.statusCode()).as("an en tag does not validate the nb document").isEqualTo(200);
        assertThat(json(otherLocale).get("locale").asString()).isEqualTo("nb");
        assertThat(otherLocale.headers().firstValue("ETag")).hasValue(nbTag);
    }

    @Test
    void recordsAreTheRequestingSubjectsOwn() throws Exception {
        HttpResponse<String> mine = site.post("/consent", "{\"acceptAll\":true}");
        String myCookie = "consent=" + TestSite.cookieValue(mine, "consent");
        String me = site.codec.decode(TestSite.cookieValue(mine, "consent")).decision().orElseThrow().subjectId();
        HttpResponse<String> theirs = site.post("/consent", "{\"rejectAll\":true}");
        String them = site.codec.decode(TestSite.cookieValue(theirs, "consent")).decision().orElseThrow().subjectId();
        site.delete("/consent", "Cookie", myCookie);

        HttpResponse<String> response = site.get("/consent/records", "Cookie", myCookie);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode export = json(response);
        assertThat(export.get("pii_principal_id").asString()).isEqualTo(me);
        assertThat(export.get("record_count").asInt()).isEqualTo(2);
        assertThat(site.ledger.history(me)).hasSize(2);
        assertThat(response.body()).doesNotContain(them);
    }

    @Test
    void recordsWithoutCookieAreAnEmptyExport() throws Exception {
        HttpResponse<String> response = site.get("/consent/records");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode export = json(response);
        assertThat(export.get("record_count").asInt()).isZero();
        assertThat(export.get("records")).isEmpty();
    }

    @Test
    void recordsWithTamperedCookieAreAnEmptyExport() throws Exception {
        HttpResponse<String> mine = site.post("/consent", "{\"acceptAll\":true}");
        String value = TestSite.cookieValue(mine, "consent");
        String me = site.codec.decode(value).decision().orElseThrow().subjectId();
        String tampered = value.substring(0, value.length() - 2) + (value.endsWith("AA") ? "BB" : "AA");

        HttpResponse<String> response = site.get("/consent/records", "Cookie", "consent=" + tampered);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("record_count").asInt()).isZero();
        assertThat(response.body()).doesNotContain(me);
    }

    @Test
    void secureAndDomainAttributesFollowTheConfiguration() throws Exception {
        SamtykkeConfig config = SamtykkeConfig.builder().alwaysSecureCookie(true).cookieDomain("example.com").build();
        try (TestSite shared = TestSite.start(config, Map.of())) {
            String consent = shared.consentCookie(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));

            HttpResponse<String> response = shared.delete("/consent", "Cookie", consent + "; _fbp=fb.1");

            assertThat(TestSite.setCookie(response, "consent")).contains("; Domain=example.com", "; Secure", "; SameSite=Lax");
            assertThat(TestSite.setCookies(response).stream().filter(c -> c.startsWith("_fbp=")))
                    .as("expired host-only and on the shared domain")
                    .hasSize(2)
                    .allSatisfy(c -> assertThat(c).contains("Max-Age=0"))
                    .anySatisfy(c -> assertThat(c).contains("Domain=example.com"))
                    .anySatisfy(c -> assertThat(c).doesNotContain("Domain="));
        }
    }

    @Test
    void endpointsWorkWithoutTheFilter() throws Exception {
        try (TestSite alone = TestSite.startWithoutFilter()) {
            HttpResponse<String> accepted = alone.post("/consent", "{\"acceptAll\":true}");
            String cookie = "consent=" + TestSite.cookieValue(accepted, "consent");

            JsonNode state = json(alone.get("/consent", "Cookie", cookie));

            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(state.get("method").asString()).isEqualTo("accept-all");
            assertThat(state.get("purposes").get("marketing").asBoolean()).isTrue();
        }
    }

    @Test
    void headOfTheStateAnswersHeadersOnly() throws Exception {
        HttpResponse<String> head = site.send(site.request("/consent").method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(head.body()).isEmpty();
    }
}
