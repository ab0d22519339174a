package dev.samtykke.spring.it;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.spring.internal.SamtykkeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "samtykke.policy=classpath:policies/jackon.json",
        "samtykke.development=true",
        "samtykke.tracking-paths.[/collect/**]=analytics"})
class SamtykkeHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String body, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/consent"))
                .header("Origin", "http://127.0.0.1:" + port)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The consent cookie of an answer, as a Cookie header value. */
    private static String consentCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("consent="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no consent cookie in " + response.headers()));
    }

    private String accepted() throws Exception {
        return consentCookie(send("POST", "{\"acceptAll\":true}", null));
    }

    private String onlyAnalytics() throws Exception {
        return consentCookie(send("POST", "{\"purposes\":{\"analytics\":true,\"marketing\":false}}", null));
    }

    @Test
    void answersTheConsentStateThroughSpring() throws Exception {
        HttpResponse<String> response = get("/consent", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = JSON.readTree(response.body());
        assertThat(state.get("policyId").asString()).isEqualTo("jackon");
        assertThat(state.get("needsPrompt").asBoolean()).isTrue();
        assertThat(state.get("purposes").get("analytics").asBoolean()).isFalse();
        assertThat(state.get("purposes").get("security").asBoolean()).isTrue();
    }

    @Test
    void recordsADecisionAndSetsTheCookie() throws Exception {
        HttpResponse<String> response = send("POST", "{\"acceptAll\":true}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("method").asString()).isEqualTo("accept-all");
        String cookie = consentCookie(response);

        JsonNode state = JSON.readTree(get("/consent", cookie).body());
        assertThat(state.get("needsPrompt").asBoolean()).isFalse();
        assertThat(state.get("purposes").get("marketing").asBoolean()).isTrue();
        JsonNode records = JSON.readTree(get("/consent/records", cookie).body());
        assertThat(records.toString()).contains("accept-all");
    }

    @Test
    void withdrawsConsent() throws Exception {
        HttpResponse<String> response = send("DELETE", null, accepted());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = JSON.readTree(response.body());
        assertThat(state.get("method").asString()).isEqualTo("withdraw");
        assertThat(state.get("purposes").get("analytics").asBoolean()).isFalse();
    }

    @Test
    void servesThePolicyInTheAskedLanguage() throws Exception {
        HttpResponse<String> response = get("/consent/policy?lang=en", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode policy = JSON.readTree(response.body());
        assertThat(policy.get("locale").asString()).isEqualTo("en");
        assertThat(policy.get("controller").get("name").asString()).isEqualTo("Jackon AS");
    }

    @Test
    void refusesBadInputWithTheContractsErrors() throws Exception {
        HttpResponse<String> response = send("POST", "{\"purposes\":{\"nope\":true}}", null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asString()).isEqualTo("bad_request");
    }

    @Test
    void aGatedHandlerAnswers204UntilConsentIsGivenThen200() throws Exception {
        HttpResponse<String> before = get("/tracked", null);
        assertThat(before.statusCode()).isEqualTo(204);
        assertThat(before.body()).isEmpty();

        HttpResponse<String> after = get("/tracked", onlyAnalytics());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("tracked");
    }

    @Test
    void theAnnotationCanNameItsOwnStatus() throws Exception {
        assertThat(get("/forbidden-without-consent", onlyAnalytics()).statusCode()).isEqualTo(403);
        assertThat(get("/forbidden-without-consent", accepted()).statusCode()).isEqualTo(200);
    }

    @Test
    void aControllerAnnotatedAsAWholeIsGated() throws Exception {
        assertThat(get("/campaign", onlyAnalytics()).statusCode()).isEqualTo(204);
        HttpResponse<String> granted = get("/campaign", accepted());
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("campaign");
    }

    @Test
    void theConsentStateIsAControllerArgument() throws Exception {
        JsonNode none = JSON.readTree(get("/state", null).body());
        assertThat(none.get("analytics").asBoolean()).isFalse();
        JsonNode some = JSON.readTree(get("/state", onlyAnalytics()).body());
        assertThat(some.get("analytics").asBoolean()).isTrue();
        assertThat(some.get("granted").toString()).contains("analytics").doesNotContain("marketing");
    }

    @Test
    void aBeanMethodThatThrowsForMissingConsentIsAnswered204() throws Exception {
        HttpResponse<String> refused = get("/audience", onlyAnalytics());
        assertThat(refused.statusCode()).isEqualTo(204);
        assertThat(get("/audience", accepted()).body()).isEqualTo("audience synced");
    }

    @Test
    void theTemplateBeanAnswersForTheCurrentRequest() throws Exception {
        String allows = "/template?expression=" + URLEncoder.encode("@consent.allows('analytics')", StandardCharsets.UTF_8);
        assertThat(get(allows, null).body()).isEqualTo("false");
        assertThat(get(allows, onlyAnalytics()).body()).isEqualTo("true");
        String update = "/template?expression=" + URLEncoder.encode("@consent.consentModeUpdateJson()", StandardCharsets.UTF_8);
        assertThat(get(update, onlyAnalytics()).body()).contains("\"analytics_storage\":\"granted\"")
                .contains("\"ad_storage\":\"denied\"");
        String defaults = "/template?expression=" + URLEncoder.encode("@consent.consentModeDefaultJson()", StandardCharsets.UTF_8);
        assertThat(get(defaults, null).body()).contains("\"analytics_storage\":\"denied\"").contains("\"wait_for_update\":500");
        String banner = "/template?expression=" + URLEncoder.encode("@consent.bannerScriptPath()", StandardCharsets.UTF_8);
        assertThat(get(banner, null).body()).isEqualTo("/consent/banner.js");
    }

    @Test
    void trackingPathsAnswer204WithoutConsent() throws Exception {
        assertThat(get("/collect/hit", null).statusCode()).isEqualTo(204);
        HttpResponse<String> granted = get("/collect/hit", onlyAnalytics());
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.body()).isEqualTo("hit");
    }

    @Test
    void stripsCookiesWithoutConsentAndCountsThem() throws Exception {
        double strippedBefore = count(SamtykkeMetrics.STRIPPED, "declared", "true");
        double undeclaredBefore = count(SamtykkeMetrics.UNDECLARED, "handling", "allow");

        HttpResponse<String> response = get("/cookies", null);
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        assertThat(setCookies).noneMatch(c -> c.startsWith("_ga="));
        assertThat(setCookies).anyMatch(c -> c.startsWith("undeclared="));
        assertThat(count(SamtykkeMetrics.STRIPPED, "declared", "true")).isEqualTo(strippedBefore + 1);
        assertThat(count(SamtykkeMetrics.UNDECLARED, "handling", "allow")).isEqualTo(undeclaredBefore + 1);
        assertThat(registry.get(SamtykkeMetrics.UNDECLARED_NAMES).gauge().value()).isGreaterThanOrEqualTo(1.0);

        HttpResponse<String> granted = get("/cookies", onlyAnalytics());
        assertThat(granted.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_ga="));
        assertThat(count(SamtykkeMetrics.STRIPPED, "declared", "true")).isEqualTo(strippedBefore + 1);
    }

    /** Spring's /error page is an error dispatch with the container's own response: it is gated too. */
    @Test
    void cookiesSetOnSpringsErrorPageAreGated() throws Exception {
        HttpResponse<String> missing = get("/no-such-page", null);
        HttpResponse<String> boom = get("/boom", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(missing.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("_ga="));
        assertThat(boom.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("_ga="));

        String analytics = onlyAnalytics();
        assertThat(get("/no-such-page", analytics).headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_ga="));
        assertThat(get("/boom", analytics).headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_ga="));
    }

    /** A cookie a script set without consent arrives in a request: expired, and counted by its declared name. */
    @Test
    void countsAndExpiresCookiesThatScriptsSetWithoutConsent() throws Exception {
        double gaBefore = count(SamtykkeMetrics.VIOLATIONS, "cookie", "_ga_*");

        HttpResponse<String> response = get("/state", "_ga_ABC123=GS1.1; JSESSIONID=1");

        assertThat(response.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_ga_ABC123=;") && c.contains("Max-Age=0"));
        assertThat(count(SamtykkeMetrics.VIOLATIONS, "cookie", "_ga_*")).isEqualTo(gaBefore + 1);
        assertThat(registry.get(SamtykkeMetrics.VIOLATIONS).counters()).allSatisfy(c ->
                assertThat(c.getId().getTag("cookie")).isIn("_ga", "_ga_*", "_fbp", "_fbc", "undeclared"));

        get("/state", onlyAnalytics() + "; _ga_ABC123=GS1.1");
        assertThat(count(SamtykkeMetrics.VIOLATIONS, "cookie", "_ga_*")).as("granted").isEqualTo(gaBefore + 1);
    }

    @Test
    void countsDecisionsByMethod() throws Exception {
        double before = count(SamtykkeMetrics.DECISIONS, "method", "reject-all");
        assertThat(send("POST", "{\"rejectAll\":true}", null).statusCode()).isEqualTo(200);
        assertThat(count(SamtykkeMetrics.DECISIONS, "method", "reject-all")).isEqualTo(before + 1);
        assertThat(registry.get(SamtykkeMetrics.DECISIONS).counters())
                .allSatisfy(c -> assertThat(c.getId().getTags()).extracting(t -> t.getKey()).containsOnly("method"));
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
