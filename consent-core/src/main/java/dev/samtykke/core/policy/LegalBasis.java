package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** The GDPR Art. 6(1) legal basis of a purpose. Only {@link #CONSENT} purposes are asked for. */
public enum LegalBasis {
    /** Consent (Art. 6(1)(a)): the only basis the visitor is asked for. */
    CONSENT("consent"),
    /** Legitimate interests (Art. 6(1)(f)). */
    LEGITIMATE_INTEREST("legitimate-interest"),
    /** Performance of a contract, or steps at the visitor's request before one (Art. 6(1)(b)). */
    CONTRACT("contract"),
    /** A legal obligation of the controller (Art. 6(1)(c)). */
    LEGAL_OBLIGATION("legal-obligation"),
    /** Vital interests (Art. 6(1)(d)). */
    VITAL_INTEREST("vital-interest"),
    /** A task in the public interest (Art. 6(1)(e)). */
    PUBLIC_TASK("public-task");

    private final String id;

    LegalBasis(String id) {
        this.id = id;
    }

    /** The identifier used in policy files, e.g. {@code legitimate-interest}. */
    public String id() {
        return id;
    }

    /** The legal basis with the given policy-file identifier. */
    public static Optional<LegalBasis> fromId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
