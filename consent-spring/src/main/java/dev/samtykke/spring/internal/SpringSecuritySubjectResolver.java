package dev.samtykke.spring.internal;

import dev.samtykke.servlet.SubjectResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * The account of Spring Security's authenticated principal ({@link Authentication#getName()}); nobody for an
 * anonymous or missing authentication. The consent filter runs after Spring Security's filters for it to see one.
 */
public final class SpringSecuritySubjectResolver implements SubjectResolver {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

    /** A resolver of the current security context. */
    public SpringSecuritySubjectResolver() {
    }

    @Override
    public Optional<String> account(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!trust.isAuthenticated(authentication)) {
            return Optional.empty();
        }
        String name = authentication.getName();
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
    }
}
