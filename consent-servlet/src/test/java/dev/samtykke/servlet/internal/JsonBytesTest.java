package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints' JSON, byte for byte as the library wrote it on Jackson 2 (before the move to Jackson 3):
 * browsers and caches hold the policy document's ETag, and clients read these bodies.
 */
class JsonBytesTest {

    private static final Locale NB = Locale.forLanguageTag("nb");

    private static String jackonJson() throws IOException {
        try (InputStream in = JsonBytesTest.class.getClassLoader().getResourceAsStream("policies/jackon.json")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void policyDocumentKeepsItsEntityTags() throws IOException {
        String json = jackonJson();
        PolicyDocument jackon = new PolicyDocument(PolicyLoader.fromString(json, PolicyLoader.Format.JSON, "jackon.json"));
        PolicyDocument emoji = new PolicyDocument(PolicyLoader.fromString(
                json.replace("\"Analyse\"", "\"Analyse \\uD83D\\uDE00\""), PolicyLoader.Format.JSON, "emoji.json"));

        assertThat(jackon.in(NB).etag()).isEqualTo("\"8c6e0af03851603695a5e4a774b49bd1\"");
        assertThat(jackon.in(Locale.ENGLISH).etag()).isEqualTo("\"ec182f628117ade84fc2a7ccc523192f\"");
        // A letter beyond U+FFFF is written as an escaped surrogate pair, as before.
        assertThat(new String(emoji.in(NB).body(), StandardCharsets.UTF_8)).contains("\"Analyse \\uD83D\\uDE00\"");
        assertThat(emoji.in(NB).etag()).isEqualTo("\"1d539b1789f51e0128b70e656736961c\"");
    }

    @Test
    void errorBodyEscapesAsBefore() {
        assertThat(new String(Json.error("bad_request", "Unknown field \"\uD83D\uDE00\""), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"bad_request\",\"detail\":\"Unknown field \\\"\\uD83D\\uDE00\\\"\"}");
    }

    @Test
    void stateBodyIsUnchanged() throws IOException {
        ConsentPolicy jackon = PolicyLoader.fromString(jackonJson(), PolicyLoader.Format.JSON, "jackon.json");
        ConsentDecision decision = new ConsentDecision("k3L9xQ2mZ8pW4vB7nR1tYa", jackon.id(), jackon.version(),
                Map.of("analytics", true, "marketing", false), ConsentMethod.CUSTOM,
                Instant.parse("2026-11-01T08:30:00Z"), Instant.parse("2027-11-01T08:30:00Z"));
        ConsentState state = new ConsentEvaluator(jackon, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC))
                .evaluate(decision, true);

        assertThat(new String(StateJson.of(state), StandardCharsets.UTF_8)).isEqualTo("{\"policyId\":\"jackon\","
                + "\"policyVersion\":\"1.0\",\"purposes\":{\"requested-content\":true,\"analytics\":false,\"marketing\":false,"
                + "\"sales-contact\":true,\"security\":true,\"legal-obligations\":true},"
                + "\"services\":[\"jackon-web\",\"consent\"],\"decidedAt\":\"2026-11-01T08:30:00Z\","
                + "\"expiresAt\":\"2027-11-01T08:30:00Z\",\"method\":\"custom\",\"consentId\":\"k3L9xQ2mZ8pW4vB7nR1tYa\",\"needsPrompt\":false,\"gpc\":true,"
                + "\"consentMode\":{\"ad_storage\":\"denied\",\"analytics_storage\":\"denied\",\"ad_user_data\":\"denied\","
                + "\"ad_personalization\":\"denied\",\"functionality_storage\":\"denied\",\"personalization_storage\":\"denied\","
                + "\"security_storage\":\"granted\"}}");
    }
}
