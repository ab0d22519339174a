package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.signal.GoogleConsentMode;

import java.util.Map;
import java.util.Optional;

/**
 * The JSON of a consent state, as {@code GET /consent} and the 200 answers of {@code POST} and
 * {@code DELETE /consent} send it: policy id and version, every purpose's state (non-consent ones
 * true), the decision's time, expiry and method (or {@code null}), {@code needsPrompt}, {@code gpc}
 * and the Google Consent Mode v2 update.
 */
public final class StateJson {

    private StateJson() {
    }

    /**
     * Renders a state.
     *
     * @param state the state
     * @return UTF-8 JSON
     */
    public static byte[] of(ConsentState state) {
        ConsentPolicy policy = state.policy();
        Optional<ConsentDecision> decision = state.decision();
        Map<String, String> consentMode = GoogleConsentMode.update(state);
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("policyId", policy.id());
            json.writeStringField("policyVersion", policy.version().toString());
            json.writeObjectFieldStart("purposes");
            for (Purpose purpose : policy.purposes()) {
                json.writeBooleanField(purpose.id(), state.allows(purpose.id()));
            }
            json.writeEndObject();
            json.writeStringField("decidedAt", decision.map(d -> d.decidedAt().toString()).orElse(null));
            json.writeStringField("expiresAt", decision.map(d -> d.expiresAt().toString()).orElse(null));
            json.writeStringField("method", decision.map(d -> d.method().id()).orElse(null));
            json.writeBooleanField("needsPrompt", state.needsPrompt());
            json.writeBooleanField("gpc", state.gpc());
            json.writeObjectFieldStart("consentMode");
            for (Map.Entry<String, String> entry : consentMode.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
