package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** The GDPR Art. 6(1) legal basis of a purpose. Only {@link #CONSENT} purposes are asked for. */
public enum LegalBasis {
    CONSENT("consent"),
    LEGITIMATE_INTEREST("legitimate-interest"),
    CONTRACT("contract"),
    LEGAL_OBLIGATION("legal-obligation"),
    VITAL_INTEREST("vital-interest"),
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
