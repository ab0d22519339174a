package dev.samtykke.core.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
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
 */
public record Service(String id, String name, Provider provider, LocalizedText description, List<String> purposes,
                      List<CookieDeclaration> cookies, Set<ConsentModeType> consentModeTypes, boolean illustrative) {
    /** Creates a service; an absent description becomes empty, absent purposes, cookies or types none. */
    public Service {
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
}
