package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * The company behind a service.
 *
 * @param name legal name, e.g. {@code Google Ireland Limited}
 * @param country where it is established (ISO 3166 code or name), or {@code null}
 * @param privacyPolicyUrl its privacy policy, or {@code null}
 */
public record Provider(String name, String country, String privacyPolicyUrl) {
    /** Creates a provider. */
    public Provider {
        Objects.requireNonNull(name, "name");
    }
}
