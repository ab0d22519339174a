package dev.samtykke.spring.internal;

import dev.samtykke.spring.ConsentRequiredException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a {@link ConsentRequiredException} that no {@code @ExceptionHandler} took with the configured
 * not-granted status and no body, instead of an error page.
 */
public final class ConsentRequiredExceptionResolver implements HandlerExceptionResolver {

    private final int status;

    /**
     * @param status the status to answer, e.g. 204
     */
    public ConsentRequiredExceptionResolver(int status) {
        this.status = RequiresConsentHandlerInterceptor.checkStatus(status);
    }

    /**
     * Handles {@link ConsentRequiredException} only.
     *
     * @param request the request
     * @param response the response
     * @param handler the handler, or {@code null}
     * @param ex the exception
     * @return an empty view for a {@link ConsentRequiredException}, else {@code null}
     */
    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!(ex instanceof ConsentRequiredException) || response.isCommitted()) {
            return null;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        return new ModelAndView();
    }
}
