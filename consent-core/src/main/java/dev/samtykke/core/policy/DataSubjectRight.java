package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** A right the policy grants the visitor (GDPR Art. 15-22 and 77). */
public enum DataSubjectRight {
    /** Access to one's data (Art. 15). */
    ACCESS("access"),
    /** Rectification of inaccurate data (Art. 16). */
    RECTIFICATION("rectification"),
    /** Erasure (Art. 17). */
    ERASURE("erasure"),
    /** Restriction of processing (Art. 18). */
    RESTRICTION("restriction"),
    /** Data portability (Art. 20). */
    PORTABILITY("portability"),
    /** Objection to processing (Art. 21). */
    OBJECTION("objection"),
    /** Withdrawal of consent at any time (Art. 7(3)). */
    WITHDRAW_CONSENT("withdraw-consent"),
    /** A complaint to the supervisory authority (Art. 77). */
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
