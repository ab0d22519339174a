package dev.samtykke.core.consent;

import java.util.Arrays;
import java.util.Optional;

/** How a decision was made. */
public enum ConsentMethod {
    /** The visitor accepted every purpose. */
    ACCEPT_ALL("accept-all"),
    /** The visitor refused every purpose. */
    REJECT_ALL("reject-all"),
    /** The visitor chose purpose by purpose. */
    CUSTOM("custom"),
    /** The visitor withdrew earlier consent. */
    WITHDRAW("withdraw"),
    /** The browser's Global Privacy Control signal decided. */
    GPC("gpc"),
    /** Application code decided through the API (e.g. from an account setting). */
    API("api"),
    /**
     * The signed-in account's latest decision, made on another device, was applied to this device: the record
     * copies that decision's grants, policy version, locale and notice (see the servlet module's account links).
     */
    ACCOUNT("account");

    private final String id;

    ConsentMethod(String id) {
        this.id = id;
    }

    /** The identifier used in cookies, ledgers and JSON, e.g. {@code accept-all}. */
    public String id() {
        return id;
    }

    /** The method with this identifier. */
    public static Optional<ConsentMethod> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
