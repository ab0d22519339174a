package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.consent.UnknownPurposeException;
import dev.samtykke.core.ledger.ConsentRecordExport;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.servlet.internal.Asset;
import dev.samtykke.servlet.internal.ConsentRequest;
import dev.samtykke.servlet.internal.CookieExpiry;
import dev.samtykke.servlet.internal.DecisionRateLimiter;
import dev.samtykke.servlet.internal.HttpProblem;
import dev.samtykke.servlet.internal.Json;
import dev.samtykke.servlet.internal.PolicyDocument;
import dev.samtykke.servlet.internal.RecordPages;
import dev.samtykke.servlet.internal.RequestChecks;
import dev.samtykke.servlet.internal.StateJson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The consent endpoints under the base path ({@code /consent} by default):
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /consent}</td><td>the request's consent state</td></tr>
 *   <tr><td>{@code POST /consent}</td><td>records a decision ({@code {"acceptAll":true}}, {@code {"rejectAll":true}}
 *       or {@code {"purposes":{…}}}), sets the new signed cookie, answers the new state</td></tr>
 *   <tr><td>{@code DELETE /consent}</td><td>withdraws every consent-based purpose, likewise</td></tr>
 *   <tr><td>{@code GET /consent/policy}</td><td>the policy as the banner needs it, in the negotiated locale,
 *       with an ETag per locale (304 on a matching {@code If-None-Match})</td></tr>
 *   <tr><td>{@code GET /consent/records?limit=&cursor=}</td><td>the requesting visitor's own consent records, newest
 *       first, a page at a time ({@code limit} 1 to 500, default 50; the answer's {@code next} is the cursor of the
 *       next page, {@code null} on the last)</td></tr>
 *   <tr><td>{@code POST /consent/impression?lang=}</td><td>counts a first-layer impression of the banner (no
 *       identifier, no cookie read or set): 204</td></tr>
 *   <tr><td>{@code GET /consent/banner.js}, {@code banner.css}</td><td>the banner, cacheable, with an ETag</td></tr>
 *   <tr><td>{@code GET /consent/embed.js}, {@code embed.css}</td><td>the click-to-load placeholders, loaded by the
 *       banner only on pages with gated embeds; cacheable, with an ETag</td></tr>
 * </table>
 * A refused request is answered {@code {"error":"…","detail":"…"}} with 400, 403, 404, 405, 413, 415 or 429
 * (a subject over {@link SamtykkeConfig#decisionsPerMinute()}, with {@code Retry-After}) and changes neither the
 * ledger nor the cookie. When the ledger cannot record a decision the answer
 * is 503 and the cookie is left as it was: a decision that is not on record is not put into effect.
 *
 * <p>Register it with {@link Samtykke#endpoints()} at {@link Samtykke#endpointsMapping()}, or by class
 * name in {@code web.xml} (mapped to the base path followed by {@code /*}).
 */
public final class ConsentEndpoints extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsentEndpoints.class);
    private static final String JSON = "application/json";
    private static final String NO_STORE = "no-store";
    /** The policy document may be kept, but is revalidated (ETag) before each use. */
    private static final String NO_CACHE = "no-cache";
    private static final int MAX_COLLECTION_POINT = 256;
    /** An impression beacon needs no body; a small one (as {@code navigator.sendBeacon} may send) is read and dropped. */
    private static final int MAX_IMPRESSION_BODY = 256;
    /** The most bytes of expiring {@code Set-Cookie} headers one decision sends: half a common 8 KiB header limit. */
    static final int MAX_EXPIRY_BYTES = CookieExpiry.MAX_BYTES;

    private transient volatile Samtykke samtykke;

    /** Endpoints configured by {@code samtykke.*} parameters, or sharing the filter's instance (for {@code web.xml}). */
    public ConsentEndpoints() {
    }

    ConsentEndpoints(Samtykke samtykke) {
        this.samtykke = samtykke;
    }

    /**
     * Takes the shared {@link Samtykke} of the servlet context, or builds it from the parameters.
     *
     * @throws ServletException if the parameters do not describe a working setup
     */
    @Override
    public void init() throws ServletException {
        if (samtykke == null) {
            samtykke = Samtykke.obtain(getServletContext(), this::getInitParameter);
        }
    }

    /**
     * Routes a request to its endpoint.
     *
     * @param request the request
     * @param response the response
     * @throws IOException if the answer cannot be written
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Samtykke s = samtykke;
        if (s == null) {
            throw new IllegalStateException("ConsentEndpoints was not initialised: register Samtykke.endpoints() or call init()");
        }
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        try {
            switch (subPath(request, s.config().basePath())) {
                case "", "/" -> {
                    switch (method) {
                        case "GET", "HEAD" -> sendJson(response, 200, StateJson.of(s.resolve(request)), head,
                                NO_STORE);
                        case "POST" -> decide(s, request, response);
                        case "DELETE" -> withdraw(s, request, response);
                        default -> throw notAllowed(response, "GET, HEAD, POST, DELETE");
                    }
                }
                case "/policy" -> {
                    requireRead(response, method);
                    ConsentPolicy policy = s.policy();
                    Locale locale = PolicyDocument.negotiate(policy, request.getParameter("lang"),
                            request.getHeader("Accept-Language"));
                    Asset document = s.policyDocument().in(locale);
                    response.setHeader("Vary", "Accept-Language");
                    response.setHeader("Content-Language", locale.toLanguageTag());
                    response.setHeader("ETag", document.etag());
                    if (document.matches(request.getHeader("If-None-Match"))) {
                        response.setHeader("Cache-Control", NO_CACHE);
                        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                        return;
                    }
                    sendJson(response, 200, document.body(), head, NO_CACHE);
                }
                case "/records" -> {
                    requireRead(response, method);
                    records(s, request, response, head);
                }
                case "/impression" -> impression(s, request, response);
                case "/banner.js" -> asset(s.bannerScript(), request, response, method);
                case "/banner.css" -> asset(s.bannerStyle(), request, response, method);
                case "/embed.js" -> asset(s.embedScript(), request, response, method);
                case "/embed.css" -> asset(s.embedStyle(), request, response, method);
                default -> throw HttpProblem.notFound("No consent endpoint here");
            }
        } catch (HttpProblem problem) {
            if (!response.isCommitted()) {
                response.resetBuffer();
                if (problem.retryAfterSeconds() > 0) {
                    response.setHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
                }
                RequestChecks.closeIfBodyUnread(request, response);
                sendJson(response, problem.status(), Json.error(problem.code(), problem.detail()), head, NO_STORE);
            }
        }
    }

    /** {@code POST /consent}. */
    private static void decide(Samtykke s, HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestChecks.requireSameOrigin(request, s.config().trustedOrigins());
        RequestChecks.requireJson(request);
        byte[] body = RequestChecks.readBody(request, s.config().maxBodyBytes());
        ConsentRequest choice = ConsentRequest.parse(body);
        ConsentState current = s.resolve(request);
        Subject subject = subjectOf(s, request, current);
        String subjectId = subject.id();
        ConsentEvaluator evaluator = s.evaluator();
        ConsentDecision decision;
        try {
            decision = switch (choice.kind()) {
                // accepting or refusing consent lifts no objection: only a switch turned back on does
                case ACCEPT_ALL -> evaluator.keepingObjections(evaluator.acceptAll(subjectId), current.decision().orElse(null));
                case REJECT_ALL -> evaluator.keepingObjections(evaluator.rejectAll(subjectId), current.decision().orElse(null));
                case CUSTOM -> evaluator.decide(subjectId, ConsentMethod.CUSTOM, merged(s.policy(), current, choice.purposes()));
            };
        } catch (UnknownPurposeException e) {
            throw HttpProblem.badRequest(e.purposeId() != null && e.purposeId().indexOf('/') >= 0
                    ? "Unknown service choice \"" + HttpProblem.abbreviate(e.purposeId()) + "\": policy " + s.policy().id()
                            + " does not ask for that service per service"
                    : "Unknown purpose \"" + HttpProblem.abbreviate(e.purposeId())
                            + "\": not a consent-based or objectable purpose of policy " + s.policy().id());
        }
        String shown = choice.locale() != null ? choice.locale() : request.getParameter("lang");
        requireWithinLimit(s, subject);
        commit(s, request, response, current, decision, PolicyDocument.negotiate(s.policy(), shown,
                request.getHeader("Accept-Language")));
    }

    /**
     * {@code POST /consent/impression?lang=}: the banner showed its first layer; counted per day, policy version and
     * the policy locale negotiated from {@code lang}. Carries no identifier: no cookie is read or set here.
     */
    private static void impression(Samtykke s, HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            throw notAllowed(response, "POST");
        }
        RequestChecks.requireSameOrigin(request, s.config().trustedOrigins());
        RequestChecks.readBody(request, MAX_IMPRESSION_BODY);
        s.countImpression(PolicyDocument.negotiate(s.policy(), request.getParameter("lang"),
                request.getHeader("Accept-Language")));
        response.setHeader("Cache-Control", NO_STORE);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** {@code DELETE /consent}. */
    private static void withdraw(Samtykke s, HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestChecks.requireSameOrigin(request, s.config().trustedOrigins());
        ConsentState current = s.resolve(request);
        Subject subject = subjectOf(s, request, current);
        requireWithinLimit(s, subject);
        ConsentDecision decision = s.evaluator().keepingObjections(s.evaluator().withdraw(subject.id()),
                current.decision().orElse(null));
        commit(s, request, response, current, decision, PolicyDocument.negotiate(s.policy(), request.getParameter("lang"),
                request.getHeader("Accept-Language")));
    }

    /**
     * Records the decision, then sets the new cookie, expires the cookies it no longer allows, and
     * answers the new state. Nothing is sent to the browser unless the ledger took the record.
     */
    private static void commit(Samtykke s, HttpServletRequest request, HttpServletResponse response,
                               ConsentState current, ConsentDecision decision, Locale shown) throws IOException {
        ConsentPolicy policy = s.policy();
        ConsentState next = s.evaluator().evaluate(decision, current.gpc());
        NewConsentRecord record = new NewConsentRecord(decision, shown.toLanguageTag(), collectionPoint(request),
                s.noticeHash(shown));
        AccountLinks links = s.accountLinks();
        try {
            if (links == null) {
                s.ledger().append(record);
            } else {
                links.record(request, record); // the device's record, and the signed-in account's in the same transaction
            }
        } catch (RuntimeException e) {
            LOG.warn("The consent ledger could not record a {} decision; the visitor's cookie was left unchanged: {}",
                    decision.method().id(), e.toString());
            throw HttpProblem.unavailable("The decision could not be recorded, so nothing was changed; try again later");
        }
        s.listener().decisionRecorded(decision);
        s.countDecision(decision, shown);
        DecisionCookies.issue(s, request, response, decision, next);
        request.setAttribute(Samtykke.STATE_ATTRIBUTE, next);
        sendJson(response, 200, StateJson.of(next), false, NO_STORE);
    }

    /**
     * The choices of a custom decision: the current decision's still-valid choices, overridden by the request's. Beneath a
     * purpose that asks per service, a request naming the purpose but none of its services lets the services follow it,
     * and one naming services but not the purpose lets the purpose follow them.
     */
    private static Map<String, Boolean> merged(ConsentPolicy policy, ConsentState current, Map<String, Boolean> requested) {
        Map<String, Boolean> choices = new LinkedHashMap<>();
        current.decision().ifPresent(d -> d.grants().forEach((key, granted) -> {
            if (policy.isDecisionKey(key)) {
                choices.put(key, granted);
            }
        }));
        for (Purpose purpose : policy.consentPurposes()) {
            if (purpose.choicePerService()) {
                String prefix = purpose.id() + "/";
                boolean namesServices = requested.keySet().stream().anyMatch(k -> k.startsWith(prefix));
                if (requested.containsKey(purpose.id()) && !namesServices) {
                    choices.keySet().removeIf(k -> k.startsWith(prefix));
                } else if (namesServices && !requested.containsKey(purpose.id())) {
                    choices.remove(purpose.id());
                }
            }
        }
        choices.putAll(requested);
        return choices;
    }

    /**
     * The subject a decision is recorded under.
     *
     * @param id the pseudonymous subject id
     * @param verified whether it is the id of the request's verified consent cookie (and so the rate limit's key)
     */
    record Subject(String id, boolean verified) {
    }

    /**
     * The visitor's pseudonymous id: from the current decision or a verified cookie, else a new random one.
     * A cookie read under the legacy name (see {@link SamtykkeConfig#legacyCookieNameFor}) lends its decision
     * but not its id: a sibling subdomain can plant a cookie under that name, and carrying its id into the
     * host-only cookie would record this visitor's decisions under a subject the planter can read.
     */
    static Subject subjectOf(Samtykke s, HttpServletRequest request, ConsentState current) {
        Samtykke.ConsentCookie cookie = s.findCookie(request);
        if (cookie != null && !cookie.legacy()) {
            Optional<String> id = current.subjectId().or(() -> verifiedSubject(s, request));
            if (id.isPresent()) {
                return new Subject(id.get(), true);
            }
        }
        return new Subject(ConsentEvaluator.newSubjectId(), false);
    }

    /** Refuses the decision with 429 when its subject is over {@link SamtykkeConfig#decisionsPerMinute()}. */
    private static void requireWithinLimit(Samtykke s, Subject subject) {
        DecisionRateLimiter limiter = s.decisionLimiter();
        if (limiter == null || !subject.verified()) {
            return;
        }
        long wait = limiter.acquire(subject.id());
        if (wait > 0) {
            LOG.debug("A subject changed its consent more than {} times a minute; refused", s.config().decisionsPerMinute());
            throw HttpProblem.tooManyRequests("Consent was changed too often; nothing was changed, try again in "
                    + wait + " s", wait);
        }
    }

    /** The subject id of a consent cookie whose signature verified, even if its decision no longer counts. */
    private static Optional<String> verifiedSubject(Samtykke s, HttpServletRequest request) {
        return s.decodeCookie(request).subjectId();
    }

    /**
     * {@code GET /consent/records?limit=&cursor=}: one page of the records of the subject of a verified cookie,
     * newest first, written to the response as it goes; without such a cookie, a page with no records (under a
     * throw-away id), read from no store. The limit and cursor are checked before anything is read.
     */
    private static void records(Samtykke s, HttpServletRequest request, HttpServletResponse response, boolean head)
            throws IOException {
        int limit = RecordPages.limit(request.getParameter("limit"));
        long cursor = RecordPages.cursor(request.getParameter("cursor"));
        ConsentState current = s.resolve(request);
        Optional<String> subject = current.subjectId().or(() -> verifiedSubject(s, request));
        ConsentRecordExport.Page page;
        if (subject.isEmpty()) {
            page = new ConsentRecordExport.Page(List.of(), null, limit, null);
        } else {
            try {
                page = RecordPages.read(s.ledger(), subject.get(), limit, cursor);
            } catch (RuntimeException e) {
                LOG.warn("The consent ledger could not read records: {}", e.toString());
                throw HttpProblem.unavailable("The consent records cannot be read right now; try again later");
            }
        }
        response.setStatus(200);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", NO_STORE);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!head) {
            try (OutputStream out = response.getOutputStream()) {
                ConsentRecordExport.writePage(out, subject.orElseGet(ConsentEvaluator::newSubjectId), page, s.policy(),
                        s.clock().instant());
            }
        }
    }

    private static void asset(Asset asset, HttpServletRequest request, HttpServletResponse response, String method)
            throws IOException {
        requireRead(response, method);
        if (asset == null) {
            throw HttpProblem.notFound("This asset is not part of this build");
        }
        response.setHeader("ETag", asset.etag());
        response.setHeader("Cache-Control", Asset.CACHE_CONTROL);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (asset.matches(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(200);
        response.setContentType(asset.contentType());
        response.setContentLength(asset.body().length);
        if (!"HEAD".equals(method)) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(asset.body());
            }
        }
    }

    private static void requireRead(HttpServletResponse response, String method) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            throw notAllowed(response, "GET, HEAD");
        }
    }

    private static HttpProblem notAllowed(HttpServletResponse response, String allow) {
        response.setHeader("Allow", allow);
        return HttpProblem.methodNotAllowed("Use " + allow.replace(", HEAD", "") + " here");
    }

    private static void sendJson(HttpServletResponse response, int status, byte[] body, boolean head, String cacheControl)
            throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        if (!head) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        }
    }

    /** The path below the base path: from the servlet path if it includes the base path, else the path info. */
    static String subPath(HttpServletRequest request, String basePath) {
        String full = ConsentFilter.pathOf(request);
        if (full.equals(basePath)) {
            return "";
        }
        if (full.startsWith(basePath) && full.charAt(basePath.length()) == '/') {
            return full.substring(basePath.length());
        }
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? "" : pathInfo;
    }

    /** Where the decision was taken: the path of the page (Referer) or of the request, without a query. */
    static String collectionPoint(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        String path = null;
        if (referer != null) {
            try {
                path = new URI(referer.trim()).getRawPath();
            } catch (URISyntaxException e) {
                path = null;
            }
        }
        if (path == null || path.isEmpty()) {
            path = request.getRequestURI();
        }
        return path.length() > MAX_COLLECTION_POINT ? path.substring(0, MAX_COLLECTION_POINT) : path;
    }
}
