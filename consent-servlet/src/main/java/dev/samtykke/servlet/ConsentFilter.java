package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.servlet.internal.AsyncGatedRequest;
import dev.samtykke.servlet.internal.ConsentResponse;
import dev.samtykke.servlet.internal.InitParameters;
import dev.samtykke.servlet.internal.RequestChecks;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Enforces the visitor's consent on every request, before the application runs:
 * <ol>
 *   <li>resolves the request's consent once (signed cookie, {@code Sec-GPC}, current policy) and
 *       exposes it as the request attribute {@link Samtykke#STATE_ATTRIBUTE} and through
 *       {@link ConsentContext}, bound on the thread of each dispatch and released when the dispatch
 *       leaves the filter, also when the application throws;</li>
 *   <li>expires the cookies the request carries that its consent does not allow (set by scripts in the
 *       browser, where no {@code Set-Cookie} passes): a declared first-party cookie whose purposes are not
 *       all granted, or an undeclared one under {@link UndeclaredCookiePolicy#BLOCK}, on the host and its
 *       parent domains; each is reported to {@link SamtykkeListener#cookieViolation} and logged once per
 *       name (never a value). The consent cookie, granted and necessary cookies and third-party
 *       declarations are left alone;</li>
 *   <li>answers a configured {@link TrackingPath} with {@code 204 No Content}, without running the
 *       application, unless its purposes are all granted;</li>
 *   <li>wraps the response so that a cookie whose declared purposes are not all granted is dropped,
 *       and an undeclared one is reported (and let through or dropped, as configured); and wraps the
 *       request so that {@code startAsync()} hands out that response, not the container's.</li>
 * </ol>
 * Resolving, expiring and tracking-path gating happen on the request's first dispatch only. Every later
 * dispatch the filter is registered for (forward, include, async, error) reuses the first one's state,
 * binds it on its thread, and is gated again where the container hands it an unwrapped response (an
 * error page, {@code AsyncContext.dispatch()}).
 * Register it for every dispatch type, as {@code web-fragment.xml} and the Spring Boot
 * auto-configuration do: a dispatch it is not registered for sets cookies unfiltered.
 *
 * <p>In a container that reads web fragments (a WAR), consent-servlet's {@code META-INF/web-fragment.xml}
 * registers it for {@code /*} and every dispatch type, configured by the {@code samtykke.*} context
 * parameters (see {@link #init}). Else register it in code with {@link Samtykke#filter()}, or by class
 * name in {@code web.xml} configured through {@code samtykke.*} parameters.
 */
public final class ConsentFilter implements Filter {

    /** The init parameter by which {@code META-INF/web-fragment.xml} marks its declaration of the filter. */
    private static final String REGISTERED_BY = "samtykke.registered-by";
    private static final String WEB_FRAGMENT = "web-fragment";
    private static final Logger LOG = LoggerFactory.getLogger(ConsentFilter.class);

    private volatile Samtykke samtykke;
    /** The fragment's filter beside another ConsentFilter: the context whose shared instance it takes at its first request. */
    private volatile ServletContext follows;
    /** The fragment's filter where nothing configures Samtykke: it passes requests on. */
    private volatile boolean idle;

    /** A filter configured by its {@code samtykke.*} init parameters (for {@code web.xml}). */
    public ConsentFilter() {
    }

    ConsentFilter(Samtykke samtykke) {
        this.samtykke = samtykke;
    }

    /**
     * Takes the shared {@link Samtykke} of the servlet context, or builds it from the parameters.
     *
     * <p>The declaration in consent-servlet's {@code web-fragment.xml} does so only where the application
     * configures Samtykke (a {@code samtykke.policy} parameter, or an instance in the servlet context
     * attribute {@link Samtykke#CONTEXT_ATTRIBUTE}). Beside another registration of this filter (in
     * {@code web.xml}, or in code) it takes that one's instance when the first request comes, so that
     * the other's init parameters hold, and stays idle if that instance is not shared in the context.
     * Where nothing configures Samtykke it stays idle too (an application that registers
     * {@link Samtykke#filter()} itself), and says so in the log.
     *
     * @param config the filter's configuration
     * @throws ServletException if the parameters do not describe a working setup
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (samtykke != null) {
            return;
        }
        ServletContext context = config.getServletContext();
        if (!WEB_FRAGMENT.equals(config.getInitParameter(REGISTERED_BY))) {
            samtykke = Samtykke.obtain(context, config::getInitParameter);
            return;
        }
        for (Map.Entry<String, ? extends FilterRegistration> other : context.getFilterRegistrations().entrySet()) {
            if (!other.getKey().equals(config.getFilterName())
                    && ConsentFilter.class.getName().equals(other.getValue().getClassName())) {
                LOG.debug("ConsentFilter of web-fragment.xml shares the instance of filter '{}'", other.getKey());
                follows = context;
                return;
            }
        }
        if (context.getAttribute(Samtykke.CONTEXT_ATTRIBUTE) != null || context.getInitParameter(InitParameters.POLICY) != null) {
            samtykke = Samtykke.obtain(context, config::getInitParameter);
            return;
        }
        idle = true;
        boolean intended = Collections.list(context.getInitParameterNames()).stream().anyMatch(n -> n.startsWith("samtykke."));
        String message = "ConsentFilter of consent-servlet's web-fragment.xml is idle: the context parameter "
                + InitParameters.POLICY + " is not set and no Samtykke is in the servlet context attribute "
                + Samtykke.CONTEXT_ATTRIBUTE;
        if (intended) {
            LOG.warn("{}, although other samtykke.* parameters are: no consent is enforced", message);
        } else {
            LOG.info("{} (expected where the application registers Samtykke.filter() itself)", message);
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
        if (s == null && (s = shared()) == null) {
            chain.doFilter(request, response); // web-fragment.xml's filter, idle
            return;
        }
        ConsentState bound = ConsentContext.boundOrNull();
        if (http.getDispatcherType() == DispatcherType.REQUEST
                && (bound == null || http.getAttribute(Samtykke.STATE_ATTRIBUTE) != bound)) {
            firstPass(s, http, httpResponse, chain);
        } else {
            laterPass(s, http, httpResponse, chain, bound);
        }
    }

    /** The instance of the other registration, for web-fragment.xml's filter; {@code null} while idle. */
    private Samtykke shared() throws ServletException {
        if (idle) {
            return null;
        }
        ServletContext context = follows;
        if (context == null) {
            throw new ServletException("ConsentFilter was not initialised: register Samtykke.filter() or call init()");
        }
        if (context.getAttribute(Samtykke.CONTEXT_ATTRIBUTE) instanceof Samtykke shared) {
            samtykke = shared;
            return shared;
        }
        idle = true;
        LOG.info("ConsentFilter of consent-servlet's web-fragment.xml is idle: the application registers ConsentFilter "
                + "itself without sharing its Samtykke in the servlet context attribute {}", Samtykke.CONTEXT_ATTRIBUTE);
        return null;
    }

    /**
     * The request's first pass: resolve its consent (kept as the request attribute, the only one set),
     * expire the cookies it carries against its consent, gate a tracking path, wrap, bind. No marker
     * attribute besides the state: request attributes cost about 0.1 µs each in Jetty 12, and this runs
     * on every request. The request is wrapped only where it may go asynchronous.
     */
    private static void firstPass(Samtykke s, HttpServletRequest http, HttpServletResponse httpResponse,
                                  FilterChain chain) throws IOException, ServletException {
        String cookieHeader = http.getHeader("Cookie"); // read once, for the consent cookie and the scan
        ConsentState state = s.resolveNow(http, cookieHeader);
        s.cookieViolations().check(http, cookieHeader, httpResponse, state);
        AccountLinks links = s.accountLinks();
        if (links != null) { // after the check: cookies an account's newer decision withdraws are expired, not violations
            state = links.follow(http, httpResponse, state);
        }
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
