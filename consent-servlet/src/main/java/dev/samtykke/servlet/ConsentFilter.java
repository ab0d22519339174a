package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.servlet.internal.AsyncGatedRequest;
import dev.samtykke.servlet.internal.ConsentResponse;
import dev.samtykke.servlet.internal.RequestChecks;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/**
 * Enforces the visitor's consent on every request, before the application runs:
 * <ol>
 *   <li>resolves the request's consent once (signed cookie, {@code Sec-GPC}, current policy) and
 *       exposes it as the request attribute {@link Samtykke#STATE_ATTRIBUTE} and through
 *       {@link ConsentContext} until the request leaves the filter, also when the application throws;</li>
 *   <li>answers a configured {@link TrackingPath} with {@code 204 No Content}, without running the
 *       application, unless its purposes are all granted;</li>
 *   <li>wraps the response so that a cookie whose declared purposes are not all granted is dropped,
 *       and an undeclared one is reported (and let through or dropped, as configured).</li>
 * </ol>
 * A request that already passed the filter (a forward, an include, an async or error dispatch, a
 * second registration) is not resolved again; its state is bound on the serving thread if it is not.
 *
 * <p>Register it programmatically with {@link Samtykke#filter()}, or by class name in {@code web.xml},
 * configured through {@code samtykke.*} parameters.
 */
public final class ConsentFilter implements Filter {

    private volatile Samtykke samtykke;

    /** A filter configured by its {@code samtykke.*} init parameters (for {@code web.xml}). */
    public ConsentFilter() {
    }

    ConsentFilter(Samtykke samtykke) {
        this.samtykke = samtykke;
    }

    /**
     * Takes the shared {@link Samtykke} of the servlet context, or builds it from the parameters.
     *
     * @param config the filter's configuration
     * @throws ServletException if the parameters do not describe a working setup
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (samtykke == null) {
            samtykke = Samtykke.obtain(config.getServletContext(), config::getInitParameter);
        }
    }

    /**
     * Resolves, gates and wraps the request as the class description says.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws IOException from the chain
     * @throws ServletException from the chain, or if the filter was never initialised
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        Samtykke s = samtykke;
        if (s == null) {
            throw new ServletException("ConsentFilter was not initialised: register Samtykke.filter() or call init()");
        }
        ConsentState bound = ConsentContext.boundOrNull();
        if (http.getDispatcherType() == DispatcherType.REQUEST
                && (bound == null || http.getAttribute(Samtykke.STATE_ATTRIBUTE) != bound)) {
            firstPass(s, http, httpResponse, chain);
        } else {
            laterPass(s, http, httpResponse, chain, bound);
        }
    }

    /**
     * The request's first pass: resolve its consent (kept as the request attribute, the only one set),
     * expire the cookies it carries against its consent, gate a tracking path, wrap, bind. No marker attribute besides the state: request attributes cost
     * about 0.1 µs each in Jetty 12, and this runs on every request.
     */
    private static void firstPass(Samtykke s, HttpServletRequest http, HttpServletResponse httpResponse,
                                  FilterChain chain) throws IOException, ServletException {
        ConsentState state = s.resolveNow(http);
        s.cookieViolations().check(http, httpResponse, state);
        List<Samtykke.Gate> gates = s.trackingGates();
        if (!gates.isEmpty() && isGated(gates, pathOf(http), state)) {
            httpResponse.setStatus(HttpServletResponse.SC_NO_CONTENT);
            httpResponse.setHeader("Cache-Control", "no-store");
            RequestChecks.closeIfBodyUnread(http, httpResponse); // the beacon's body is left unread
            return;
        }
        ConsentResponse wrapped = new ConsentResponse(httpResponse, s.cookieGate(), state);
        HttpServletRequest request = http.isAsyncSupported() ? new AsyncGatedRequest(http, wrapped) : http;
        ConsentContext.Binding binding = ConsentContext.bind(state);
        try {
            chain.doFilter(request, wrapped);
        } finally {
            binding.close();
        }
    }

    /**
     * A later dispatch of a request that passed already (forward, include, async, error), or a second
     * registration of the filter on the same dispatch. The state of the first pass is reused (resolved
     * now only if the filter did not see the first dispatch). The response is wrapped unless it wraps the
     * gate already: a container hands error and async dispatches its own, unwrapped response. The state
     * is bound on this thread unless it is bound already, and released after.
     */
    private static void laterPass(Samtykke s, HttpServletRequest http, HttpServletResponse httpResponse,
                                  FilterChain chain, ConsentState bound) throws IOException, ServletException {
        ConsentState state = bound;
        if (state == null) {
            Object attribute = http.getAttribute(Samtykke.STATE_ATTRIBUTE);
            state = attribute instanceof ConsentState consent ? consent : s.resolveNow(http);
        }
        ServletRequest request = http;
        ServletResponse response = httpResponse;
        if (!wrapsGate(httpResponse)) {
            ConsentResponse wrapped = new ConsentResponse(httpResponse, s.cookieGate(), state);
            response = wrapped;
            request = http.isAsyncSupported() ? new AsyncGatedRequest(http, wrapped) : http;
        }
        if (bound != null) {
            chain.doFilter(request, response);
            return;
        }
        ConsentContext.Binding binding = ConsentContext.bind(state);
        try {
            chain.doFilter(request, response);
        } finally {
            binding.close();
        }
    }

    /** Whether the response is, or wraps, a gated response. */
    private static boolean wrapsGate(ServletResponse response) {
        for (ServletResponse r = response; r instanceof ServletResponseWrapper wrapper; r = wrapper.getResponse()) {
            if (r instanceof ConsentResponse) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGated(List<Samtykke.Gate> gates, String path, ConsentState state) {
        for (Samtykke.Gate gate : gates) {
            if (gate.matcher().matches(path)) {
                for (String purpose : gate.path().purposes()) {
                    if (!state.allows(purpose)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The decoded, normalised path inside the web application. */
    static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            return servletPath == null || servletPath.isEmpty() ? "/" : servletPath;
        }
        return servletPath == null ? pathInfo : servletPath + pathInfo;
    }

    /** Nothing to release: the shared {@link Samtykke} belongs to whoever built it. */
    @Override
    public void destroy() {
        // The Samtykke instance and its ledger outlive the filter; their owner closes them.
    }
}
