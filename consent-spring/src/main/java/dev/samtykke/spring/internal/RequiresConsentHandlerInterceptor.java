package dev.samtykke.spring.internal;

import dev.samtykke.spring.RequiresConsent;
import dev.samtykke.servlet.Samtykke;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Objects;
import java.util.Optional;

/**
 * Stops a Spring MVC handler annotated {@link RequiresConsent} (on the method or the controller class)
 * before it runs when the request's consent does not grant its purposes, answering the annotation's
 * status (or the configured default) with no body.
 */
public final class RequiresConsentHandlerInterceptor implements HandlerInterceptor {

    private final Samtykke samtykke;
    private final ConsentRequirements requirements;
    private final int defaultStatus;

    /**
     * @param samtykke resolves each request's consent
     * @param requirements the annotation look-up
     * @param defaultStatus the status when the annotation names none, e.g. 204
     */
    public RequiresConsentHandlerInterceptor(Samtykke samtykke, ConsentRequirements requirements, int defaultStatus) {
        this.samtykke = Objects.requireNonNull(samtykke, "samtykke");
        this.requirements = Objects.requireNonNull(requirements, "requirements");
        this.defaultStatus = checkStatus(defaultStatus);
    }

    /**
     * Lets the handler run only if its purposes are granted.
     *
     * @param request the request
     * @param response the response
     * @param handler the chosen handler
     * @return {@code true} to run the handler
     */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<RequiresConsent> requirement = requirements.find(method.getMethod(), method.getBeanType());
        if (requirement.isEmpty() || ConsentRequirements.isGranted(requirement.get(), samtykke.resolve(request))) {
            return true;
        }
        int status = requirement.get().status();
        response.setStatus(status == 0 ? defaultStatus : checkStatus(status));
        response.setHeader("Cache-Control", "no-store");
        return false;
    }

    static int checkStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("The status answered without consent must be an HTTP status 200..599, not "
                    + status);
        }
        return status;
    }
}
