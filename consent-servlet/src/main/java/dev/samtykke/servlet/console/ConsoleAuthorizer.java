package dev.samtykke.servlet.console;

import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Objects;

/**
 * Decides, for each request to the privacy console, who it is and whether they may use it. The application
 * supplies it: the console cannot be built without one, and it authenticates nobody itself. It is asked on every
 * request, before anything is read; an exception it throws is answered 403.
 *
 * <pre>{@code
 * // container security (web.xml login-config, Jetty's or Tomcat's realm): users in the role samtykke-admin
 * PrivacyConsole console = PrivacyConsole.builder(samtykke, ConsoleAuthorizer.containerRole("samtykke-admin")).build();
 * }</pre>
 */
@FunctionalInterface
public interface ConsoleAuthorizer {

    /**
     * Who the request is and whether they may use the console.
     *
     * @param request the request
     * @return the answer
     */
    ConsoleAccess authorize(HttpServletRequest request);

    /**
     * The container's authentication: {@link HttpServletRequest#getUserPrincipal()} names the user, and
     * {@link HttpServletRequest#isUserInRole(String)} says whether they may.
     *
     * @param role the role a user needs
     * @return the authorizer
     */
    static ConsoleAuthorizer containerRole(String role) {
        Objects.requireNonNull(role, "role");
        return request -> {
            Principal user = request.getUserPrincipal();
            if (user == null || user.getName() == null || user.getName().isBlank()) {
                return ConsoleAccess.unauthenticated();
            }
            return request.isUserInRole(role) ? ConsoleAccess.granted(user.getName()) : ConsoleAccess.forbidden(user.getName());
        };
    }
}
