package dev.samtykke.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The declaration a concrete cookie name resolved to, with the service that sets it.
 *
 * @param declaration the matching declaration (exact or prefix pattern)
 * @param service the service that declares it
 */
public record CookieMatch(CookieDeclaration declaration, Service service) {
    /** Creates a match. */
    public CookieMatch {
        Objects.requireNonNull(declaration, "declaration");
        Objects.requireNonNull(service, "service");
    }

    /** The purposes the cookie serves: those of its service. All must be allowed for the cookie to be. */
    public List<String> purposes() {
        return service.purposes();
    }
}
