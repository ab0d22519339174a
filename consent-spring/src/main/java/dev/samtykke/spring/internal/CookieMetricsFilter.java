package dev.samtykke.spring.internal;

import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;
import java.util.Collection;
import java.util.Objects;

/**
 * Counts, for {@link SamtykkeMetrics}, the cookies the consent filter strips and the undeclared ones the
 * application sets. Registered just inside the consent filter, it watches each attempt to set a cookie
 * pass through the consent filter's response wrapper: a cookie that does not come out as a
 * {@code Set-Cookie} header was stripped. It decides nothing itself.
 */
public final class CookieMetricsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String SET_COOKIE = "Set-Cookie";

    private final transient Samtykke samtykke;
    private final transient SamtykkeMetrics metrics;

    /**
     * @param samtykke the policy and the consent cookie's name
     * @param metrics the counters
     */
    public CookieMetricsFilter(Samtykke samtykke, SamtykkeMetrics metrics) {
        this.samtykke = Objects.requireNonNull(samtykke, "samtykke");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Passes the request on with a watching response.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws IOException from the chain
     * @throws ServletException from the chain
     */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!metrics.isActive()) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, new Watching(response));
    }

    private void observe(String name, boolean passed) {
        if (name.isEmpty() || name.equals(samtykke.config().cookieName())) {
            return;
        }
        boolean declared = samtykke.policy().cookie(name).isPresent();
        if (!declared) {
            metrics.undeclaredCookie(samtykke.config().undeclaredCookies() == UndeclaredCookiePolicy.BLOCK);
        }
        if (!passed) {
            metrics.cookieStripped(declared);
        }
    }

    private static String nameOf(String setCookie) {
        int eq = setCookie.indexOf('=');
        return (eq < 0 ? setCookie : setCookie.substring(0, eq)).trim();
    }

    /** Sees each cookie before the consent filter's wrapper and whether it came out. */
    private final class Watching extends HttpServletResponseWrapper {

        Watching(HttpServletResponse response) {
            super(response);
        }

        private int setCookies() {
            Collection<String> headers = getHeaders(SET_COOKIE);
            return headers == null ? 0 : headers.size();
        }

        @Override
        public void addCookie(Cookie cookie) {
            if (isCommitted()) {
                super.addCookie(cookie);
                return;
            }
            int before = setCookies();
            super.addCookie(cookie);
            observe(cookie.getName(), setCookies() > before);
        }

        @Override
        public void addHeader(String name, String value) {
            if (value == null || !SET_COOKIE.equalsIgnoreCase(name) || isCommitted()) {
                super.addHeader(name, value);
                return;
            }
            int before = setCookies();
            super.addHeader(name, value);
            observe(nameOf(value), setCookies() > before);
        }

        @Override
        public void setHeader(String name, String value) {
            if (value == null || !SET_COOKIE.equalsIgnoreCase(name) || isCommitted()) {
                super.setHeader(name, value);
                return;
            }
            super.setHeader(name, value);
            Collection<String> headers = getHeaders(SET_COOKIE);
            observe(nameOf(value), headers != null && headers.contains(value));
        }
    }
}
