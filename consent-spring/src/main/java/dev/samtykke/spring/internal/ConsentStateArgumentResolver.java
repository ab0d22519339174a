package dev.samtykke.spring.internal;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.servlet.Samtykke;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Objects;

/** Passes the request's {@link ConsentState} to a controller method parameter of that type. */
public final class ConsentStateArgumentResolver implements HandlerMethodArgumentResolver {

    private final Samtykke samtykke;

    /**
     * @param samtykke resolves each request's consent
     */
    public ConsentStateArgumentResolver(Samtykke samtykke) {
        this.samtykke = Objects.requireNonNull(samtykke, "samtykke");
    }

    /**
     * Whether the parameter is a {@link ConsentState}.
     *
     * @param parameter the parameter
     * @return {@code true} for {@code ConsentState}
     */
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ConsentState.class;
    }

    /**
     * The request's consent state.
     *
     * @param parameter the parameter
     * @param mavContainer unused
     * @param webRequest the request
     * @param binderFactory unused
     * @return the state the consent filter resolved, or one resolved now
     */
    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("ConsentState can only be resolved for a servlet request");
        }
        return samtykke.resolve(request);
    }
}
