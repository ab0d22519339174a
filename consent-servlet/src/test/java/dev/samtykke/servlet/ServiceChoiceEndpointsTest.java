package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /consent} with choices per service ({@code "services":{"purpose":{"service":bool}}}) for a policy whose
 * analytics and marketing purposes ask per service; requests without {@code services} keep working as before.
 */
class ServiceChoiceEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reference policy, its consent-based purposes asking per service (analytics: google-analytics; marketing: meta-pixel). */
    static final ConsentPolicy PER_SERVICE = perService(TestSite.POLICY);
    private static TestSite site;

    static ConsentPolicy perService(ConsentPolicy policy) {
        return policy.toBuilder().purposes(policy.purposes().stream().map(p -> p.requiresConsent()
                ? new Purpose(p.id(), p.category(), p.legalBasis(), p.title(), p.description(), p.dataCategories(),
                        p.channels(), p.retention(), p.gpcOptOut(), p.objectable(), true) : p).toList()).build();
    }

    @BeforeAll
    static void start() throws Exception {
        site = TestSite.start(PER_SERVICE);
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    private static ConsentDecision decided(HttpResponse<String> response) {
        return site.codec.decode(TestSite.cookieValue(response, "consent")).decision().orElseThrow();
    }

    @Test
    void aServiceRefusedBeneathAGrantedPurposeIsNotAmongTheAllowedServices() throws Exception {
        HttpResponse<String> response = site.post("/consent",
                "{\"purposes\":{\"analytics\":true,\"marketing\":true},\"services\":{\"marketing\":{\"meta-pixel\":false}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = JSON.readTree(response.body());
        assertThat(state.get("purposes").get("marketing").asBoolean()).isTrue();
        assertThat(state.get("services").valueStream().map(JsonNode::asString).toList())
                .contains("google-analytics").doesNotContain("meta-pixel");
        assertThat(decided(response).grants()).containsEntry("marketing/meta-pixel", false)
                .containsEntry("analytics/google-analytics", true);
        assertThat(site.ledger.appended).last().satisfies(r -> assertThat(r.decision().grants())
                .containsEntry("marketing/meta-pixel", false));
    }

    @Test
    void servicesAloneMakeACustomDecisionAndTheirPurposeFollowsThem() throws Exception {
        HttpResponse<String> response = site.post("/consent", "{\"services\":{\"analytics\":{\"google-analytics\":true}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode state = JSON.readTree(response.body());
        assertThat(state.get("method").asString()).isEqualTo("custom");
        assertThat(state.get("purposes").get("analytics").asBoolean()).isTrue();
        assertThat(state.get("purposes").get("marketing").asBoolean()).isFalse();
    }

    @Test
    void namingAPurposeWithoutItsServicesLetsThemFollowIt() throws Exception {
        String subject = ConsentEvaluator.newSubjectId();
        ConsentEvaluator evaluator = new ConsentEvaluator(PER_SERVICE, TestSite.CLOCK);
        String cookie = site.consentCookie(evaluator.decide(subject, dev.samtykke.core.consent.ConsentMethod.CUSTOM,
                java.util.Map.of("marketing", true, "marketing/meta-pixel", false, "analytics", true)));

        HttpResponse<String> off = site.post("/consent", "{\"purposes\":{\"analytics\":false}}", "Cookie", cookie);
        assertThat(decided(off).grants()).as("another purpose's service choice is kept")
                .containsEntry("marketing/meta-pixel", false).containsEntry("analytics/google-analytics", false);

        HttpResponse<String> on = site.post("/consent", "{\"purposes\":{\"marketing\":true}}", "Cookie", cookie);
        assertThat(decided(on).grants()).as("the purpose named again grants its services")
                .containsEntry("marketing/meta-pixel", true);
    }

    @Test
    void refusesAServiceChoiceThePolicyDoesNotAskForOrAMalformedOne() throws Exception {
        for (String body : List.of("{\"services\":{\"analytics\":{\"meta-pixel\":false}}}",
                "{\"services\":{\"security\":{\"session\":false}}}",
                "{\"services\":{\"analytics\":{\"google-analytics\":\"no\"}}}",
                "{\"services\":{\"analytics\":[\"google-analytics\"]}}",
                "{\"services\":{\"analytics/google-analytics\":{\"x\":true}}}",
                "{\"purposes\":{\"analytics/google-analytics\":false}}",
                "{\"acceptAll\":true,\"services\":{\"analytics\":{\"google-analytics\":false}}}")) {
            HttpResponse<String> response = site.post("/consent", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(TestSite.setCookies(response)).as(body).isEmpty();
        }
    }

    @Test
    void acceptAllGrantsEveryServiceOfAPurposeThatAsksPerService() throws Exception {
        HttpResponse<String> response = site.post("/consent", "{\"acceptAll\":true}");

        assertThat(decided(response).grants()).containsEntry("marketing/meta-pixel", true)
                .containsEntry("analytics/google-analytics", true);
    }
}
