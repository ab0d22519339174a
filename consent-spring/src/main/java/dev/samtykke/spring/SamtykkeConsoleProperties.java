package dev.samtykke.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code samtykke.console.*}: the privacy console, served at {@code {samtykke.endpoints.base-path}/admin/} (see
 * {@code docs/console.md}). Off by default; on, it requires Spring Security and users with the authority.
 */
@ConfigurationProperties("samtykke.console")
public class SamtykkeConsoleProperties {

    /** The default authority a console user needs. */
    public static final String DEFAULT_AUTHORITY = "ROLE_SAMTYKKE_ADMIN";

    /**
     * Serve the privacy console (consent statistics, data-subject requests, ledger health) below
     * {base-path}/admin/. Requires Spring Security: without it, start-up fails.
     */
    private boolean enabled = false;

    /** The authority a user needs to use the privacy console (with HTTP Basic or the application's login). */
    private String authority = DEFAULT_AUTHORITY;

    /** Properties with their defaults. */
    public SamtykkeConsoleProperties() {
    }

    /**
     * Whether the console is served.
     *
     * @return {@code false} by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the console is served.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The authority a console user needs.
     *
     * @return {@value #DEFAULT_AUTHORITY} by default
     */
    public String getAuthority() {
        return authority;
    }

    /**
     * Sets the authority a console user needs.
     *
     * @param authority e.g. {@code ROLE_DPO}
     */
    public void setAuthority(String authority) {
        this.authority = authority;
    }
}
