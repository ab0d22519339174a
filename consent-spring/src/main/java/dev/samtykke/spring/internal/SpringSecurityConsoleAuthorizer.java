package dev.samtykke.spring.internal;

import dev.samtykke.servlet.console.ConsoleAccess;
import dev.samtykke.servlet.console.ConsoleAuthorizer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Objects;

/**
 * The console's authorizer under Spring Security: the request's authentication names the user, and the configured
 * authority admits them. The console's security filter chain checks the same first; this is the servlet's own check.
 */
public final class SpringSecurityConsoleAuthorizer implements ConsoleAuthorizer {

    private final String authority;

    /**
     * An authorizer admitting users with an authority.
     *
     * @param authority e.g. {@code ROLE_SAMTYKKE_ADMIN}
     */
    public SpringSecurityConsoleAuthorizer(String authority) {
        this.authority = Objects.requireNonNull(authority, "authority");
    }

    @Override
    public ConsoleAccess authorize(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return ConsoleAccess.unauthenticated();
        }
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return ConsoleAccess.granted(authentication.getName());
            }
        }
        return ConsoleAccess.forbidden(authentication.getName());
    }
}
