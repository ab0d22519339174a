package dev.samtykke.core.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A third party or tool, e.g. Google Analytics. A service and its cookies are allowed only when
 * <em>all</em> of its purposes are.
 *
 * @param id stable identifier
 * @param name display name, e.g. {@code Google Analytics 4}
 * @param provider the company behind it
 * @param description what it does on the site
 * @param purposes ids of the purposes it serves
 * @param cookies the cookies it sets
 * @param consentModeTypes the Google Consent Mode v2 types it depends on, in declaration order of {@link ConsentModeType}
 * @param illustrative whether the service is an example rather than a statement of fact
 * @param hosts the network hosts the service's scripts and embeds contact: exact names ({@code connect.facebook.net})
 *              or suffix patterns ({@code *.google-analytics.com}, matching any subdomain but not the bare domain)
 */
public record Service(String id, String name, Provider provider, LocalizedText description, List<String> purposes,
                      List<CookieDeclaration> cookies, Set<ConsentModeType> consentModeTypes, boolean illustrative,
                      List<String> hosts) {
    /** Creates a service; an absent description becomes empty, absent purposes, cookies, types or hosts none. */
    public Service {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        description = description == null ? LocalizedText.EMPTY : description;
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        cookies = cookies == null ? List.of() : List.copyOf(cookies);
        // In enum order, the same in every run (Set.copyOf iterates in a per-JVM random order).
        consentModeTypes = consentModeTypes == null || consentModeTypes.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(consentModeTypes));
    }

    /** Creates a service that declares no hosts. */
    public Service(String id, String name, Provider provider, LocalizedText description, List<String> purposes,
                   List<CookieDeclaration> cookies, Set<ConsentModeType> consentModeTypes, boolean illustrative) {
        this(id, name, provider, description, purposes, cookies, consentModeTypes, illustrative, List.of());
    }

    /**
     * Whether a request host belongs to this service: equal to a declared name, or a subdomain of a
     * {@code *.} pattern's domain. Compared without regard to case.
     *
     * @param host a host name such as {@code region1.google-analytics.com}
     * @return whether a declared host or pattern matches it
     */
    public boolean matchesHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String declared : hosts) {
            String d = declared.toLowerCase(Locale.ROOT);
            if (d.startsWith("*.") ? h.endsWith(d.substring(1)) && h.length() > d.length() - 1 : h.equals(d)) {
                return true;
            }
        }
        return false;
    }
}
