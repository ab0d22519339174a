package dev.samtykke.core.signal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.consent.TestPolicies;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoogleConsentModeTest {

    private static final List<String> TYPES = List.of("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization",
            "functionality_storage", "personalization_storage", "security_storage");
    private static final String SUBJECT = "c3ViamVjdC1pZC0xMjM0NQ";

    private final ConsentEvaluator evaluator = new ConsentEvaluator(TestPolicies.shop(), TestPolicies.clockAt(TestPolicies.NOW));

    private static Map<String, String> expect(String... granted) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String type : TYPES) {
            expected.put(type, type.equals("security_storage") || List.of(granted).contains(type) ? "granted" : "denied");
        }
        return expected;
    }

    private ConsentState state(Map<String, Boolean> choices, boolean gpc) {
        ConsentDecision decision = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, choices);
        return evaluator.evaluate(decision, gpc);
    }

    @Test
    void defaultDeniesEverythingButSecurityStorageAndWaitsForTheUpdate() {
        Map<String, String> command = GoogleConsentMode.defaultCommand();

        Map<String, String> expected = expect();
        expected.put("wait_for_update", "500");
        assertThat(command).containsExactlyEntriesOf(expected);
    }

    @Test
    void defaultJsonCarriesTheWaitAsANumber() throws Exception {
        JsonNode json = new ObjectMapper().readTree(GoogleConsentMode.defaultCommandJson());

        assertThat(json.get("wait_for_update").isInt()).isTrue();
        assertThat(json.get("wait_for_update").intValue()).isEqualTo(500);
        assertThat(json.get("ad_storage").stringValue()).isEqualTo("denied");
        assertThat(json.get("security_storage").stringValue()).isEqualTo("granted");
        assertThat(json.size()).isEqualTo(8);
        assertThat(new ObjectMapper().readTree(GoogleConsentMode.defaultCommandJson(2000)).get("wait_for_update").intValue())
                .isEqualTo(2000);
        assertThat(GoogleConsentMode.defaultCommand(0)).containsEntry("wait_for_update", "0");
        assertThatThrownBy(() -> GoogleConsentMode.defaultCommand(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updateWithoutDecisionDeniesAllButSecurityStorage() {
        assertThat(GoogleConsentMode.update(evaluator.evaluate(null, false))).containsExactlyEntriesOf(expect());
    }

    @Test
    void updateGrantsTheTypesOfAllowedServices() {
        ConsentState all = evaluator.evaluate(evaluator.acceptAll(SUBJECT), false);

        assertThat(GoogleConsentMode.update(all)).as("personalization_storage is declared by no service")
                .containsExactlyEntriesOf(expect("ad_storage", "analytics_storage", "ad_user_data", "ad_personalization",
                        "functionality_storage"));
        assertThat(GoogleConsentMode.update(state(Map.of("stats", true), false)))
                .containsExactlyEntriesOf(expect("analytics_storage"));
        assertThat(GoogleConsentMode.update(state(Map.of("language", true), false)))
                .containsExactlyEntriesOf(expect("functionality_storage"));
        assertThat(GoogleConsentMode.update(evaluator.evaluate(evaluator.rejectAll(SUBJECT), false)))
                .containsExactlyEntriesOf(expect());
    }

    @Test
    void aTypeSharedWithARefusedServiceStaysDenied() {
        // meta (ads) is allowed, gads (ads + retargeting) is not; both declare ad_storage.
        ConsentState state = state(Map.of("ads", true, "retargeting", false), false);

        assertThat(state.allowsService("meta")).isTrue();
        assertThat(state.allowsService("gads")).isFalse();
        assertThat(GoogleConsentMode.update(state)).containsEntry("ad_storage", "denied");
    }

    @Test
    void updateFollowsGlobalPrivacyControl() {
        ConsentState gpc = evaluator.evaluate(evaluator.acceptAll(SUBJECT), true);

        assertThat(GoogleConsentMode.update(gpc))
                .containsExactlyEntriesOf(expect("analytics_storage", "functionality_storage"));
    }

    @Test
    void updateJsonIsTheSameMapAsJson() throws Exception {
        ConsentState state = state(Map.of("stats", true), false);

        JsonNode json = new ObjectMapper().readTree(GoogleConsentMode.updateJson(state));

        Map<String, String> fromJson = new LinkedHashMap<>();
        json.properties().forEach(e -> fromJson.put(e.getKey(), e.getValue().stringValue()));
        assertThat(fromJson).containsExactlyEntriesOf(GoogleConsentMode.update(state));
        assertThat(GoogleConsentMode.updateJson(state)).startsWith("{\"ad_storage\":\"denied\",\"analytics_storage\":\"granted\"");
    }
}
