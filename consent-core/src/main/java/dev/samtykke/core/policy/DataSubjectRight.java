package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** A right the policy grants the visitor (GDPR Art. 15-22 and 77). */
public enum DataSubjectRight {
    ACCESS("access"),
    RECTIFICATION("rectification"),
    ERASURE("erasure"),
    RESTRICTION("restriction"),
    PORTABILITY("portability"),
    OBJECTION("objection"),
    WITHDRAW_CONSENT("withdraw-consent"),
    COMPLAINT("complaint");

    private final String id;

    DataSubjectRight(String id) {
        this.id = id;
    }

    /** The identifier used in policy files. */
    public String id() {
        return id;
    }

    /** The right with the given policy-file identifier. */
    public static Optional<DataSubjectRight> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
