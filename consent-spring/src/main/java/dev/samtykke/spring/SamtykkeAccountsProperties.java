package dev.samtykke.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code samtykke.accounts.*}: consent that follows a signed-in account from device to device (see
 * {@code docs/servlet.md#consent-that-follows-a-signed-in-account}). Off by default.
 */
@ConfigurationProperties("samtykke.accounts")
public class SamtykkeAccountsProperties {

    /**
     * Link decisions to the signed-in account (Spring Security's authenticated principal, else the request's user
     * principal): a decision is recorded under the account too, and the account's newer decision is applied on
     * every device it signs in on. The consent filter then runs after Spring Security's filters. A SubjectResolver
     * bean turns it on as well.
     */
    private boolean enabled = false;

    /**
     * The key (base64, at least 32 bytes, e.g. from 'openssl rand -base64 32') that turns account names into the
     * pseudonymous account ids of the ledger. Unset: one derived from the signing key, so that rotating the signing
     * key unlinks accounts from their earlier decisions.
     */
    private String key;

    /** Properties with their defaults. */
    public SamtykkeAccountsProperties() {
    }

    /**
     * Whether decisions follow the signed-in account.
     *
     * @return {@code false} by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether decisions follow the signed-in account.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The account key, base64.
     *
     * @return the key, or {@code null} for one derived from the signing key
     */
    public String getKey() {
        return key;
    }

    /**
     * Sets the account key.
     *
     * @param key base64, at least 32 bytes
     */
    public void setKey(String key) {
        this.key = key;
    }
}
