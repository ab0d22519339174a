package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;
import dev.samtykke.core.signal.GoogleConsentMode;

import java.util.Map;
import java.util.Optional;

/**
 * The JSON of a consent state, as {@code GET /consent} and the 200 answers of {@code POST} and
 * {@code DELETE /consent} send it: policy id and version, every purpose's state (non-consent ones
 * true), the ids of the services allowed now (all of their purposes allowed), the decision's time, expiry, method and {@code consentId} (or {@code null}), {@code needsPrompt}, {@code gpc}
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
            json.writeStringProperty("policyId", policy.id());
            json.writeStringProperty("policyVersion", policy.version().toString());
            json.writeObjectPropertyStart("purposes");
            for (Purpose purpose : policy.purposes()) {
                json.writeBooleanProperty(purpose.id(), state.allows(purpose.id()));
            }
            json.writeEndObject();
            json.writeArrayPropertyStart("services");
            for (Service service : policy.services()) {
                if (state.allowsService(service.id())) {
                    json.writeString(service.id());
                }
            }
            json.writeEndArray();
            json.writeStringProperty("decidedAt", decision.map(d -> d.decidedAt().toString()).orElse(null));
            json.writeStringProperty("expiresAt", decision.map(d -> d.expiresAt().toString()).orElse(null));
            json.writeStringProperty("method", decision.map(d -> d.method().id()).orElse(null));
            // the pseudonymous id the visitor quotes in a request to the controller (the privacy console finds it)
            json.writeStringProperty("consentId", decision.isPresent() ? state.subjectId().orElse(null) : null);
            json.writeBooleanProperty("needsPrompt", state.needsPrompt());
            json.writeBooleanProperty("gpc", state.gpc());
            json.writeObjectPropertyStart("consentMode");
            for (Map.Entry<String, String> entry : consentMode.entrySet()) {
                json.writeStringProperty(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
