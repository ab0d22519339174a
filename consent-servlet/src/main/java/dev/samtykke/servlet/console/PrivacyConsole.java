package dev.samtykke.servlet.console;

import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.console.internal.ConsoleApi;
import dev.samtykke.servlet.console.internal.ConsolePages;
import dev.samtykke.servlet.console.internal.ConsoleServices;
import dev.samtykke.servlet.internal.HttpProblem;
import dev.samtykke.servlet.internal.Json;
import dev.samtykke.servlet.internal.RequestChecks;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The privacy console: consent insights without personal data and the handling of data-subject requests, served by
 * the application below {@code {base}/admin/} (e.g. {@code /consent/admin/}) to the users its
 * {@link ConsoleAuthorizer} admits. There is no console without an authorizer: a request it does not admit is
 * answered 401 or 403 (JSON, never a page) before anything is read.
 *
 * <table>
 *   <caption>The API</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET api/stats?days=N} ({@code &format=csv}), {@code GET api/stats.csv?days=N}</td>
 *       <td>the counters of the last N days (default 30, at most 366) as JSON or CSV</td></tr>
 *   <tr><td>{@code POST api/subjects/lookup} {@code {"consentId"}}</td><td>a visitor's records, newest first, and the
 *       confirmation token an erasure needs</td></tr>
 *   <tr><td>{@code POST api/subjects/export} {@code {"consentId"}}</td><td>the ISO/IEC TS 27560-shaped export</td></tr>
 *   <tr><td>{@code POST api/subjects/erase} {@code {"consentId","confirmation"}}</td><td>erases the records (the
 *       ledger's chained erasure event): {@code {"erased":n}}</td></tr>
 *   <tr><td>{@code GET api/ledger}, {@code POST api/ledger/verify}</td><td>the last verification (result, time,
 *       anchor) and whether one runs; starts one in the background (202)</td></tr>
 *   <tr><td>{@code GET api/audit?limit=}</td><td>the audit trail, newest first</td></tr>
 * </table>
 *
 * Every {@code POST} of the API is refused (403) from another site ({@code Origin}, {@code Sec-Fetch-Site}) and needs
 * a JSON body, which a cross-site form cannot send. The consent id travels in bodies, never in a URL (which logs keep).
 *
 * <p>The pages (server-rendered HTML, readable without a script): {@code GET {base}/admin/} the insights,
 * {@code /subjects} the data-subject requests (look-up, history, export as JSON or a printable page, erasure with a
 * confirmation step), {@code /ledger} the ledger's health with a button to verify it, {@code /audit} the audit trail.
 * GET never changes anything; each form is a POST from this site that carries the console's own CSRF token (a signed
 * double-submit token: an {@code HttpOnly}, {@code SameSite=Strict} cookie and an HMAC of it in the form) and is
 * refused (403) without it.
 *
 * <pre>{@code
 * PrivacyConsole console = PrivacyConsole.builder(samtykke, ConsoleAuthorizer.containerRole("samtykke-admin")).build();
 * context.addServlet("samtykke-console", console).addMapping(console.mapping());
 * }</pre>
 */
public final class PrivacyConsole extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyConsole.class);

    private final transient ConsoleAuthorizer authorizer;
    private final transient ConsoleServices services;
    private final transient ConsoleApi api;
    private final transient ConsolePages pages;
    private final transient AuditTrail audit;
    private final String mapping;

    private PrivacyConsole(Builder b) {
        this.authorizer = b.authorizer;
        this.audit = b.audit;
        this.mapping = b.samtykke.config().basePath() + "/admin/*";
        this.services = new ConsoleServices(b.samtykke.policy(), b.samtykke.ledger(), b.samtykke.stats(), b.audit, b.clock,
                b.samtykke.config().trustedOrigins());
        this.api = new ConsoleApi(services);
        this.pages = new ConsolePages(services, b.formField);
    }

    /**
     * A builder for the console of a Samtykke instance.
     *
     * @param samtykke   the instance whose policy, ledger and counters it shows
     * @param authorizer who may use it (required)
     * @return the builder
     */
    public static Builder builder(Samtykke samtykke, ConsoleAuthorizer authorizer) {
        return new Builder(samtykke, authorizer);
    }

    /**
     * The URL pattern to map the console to: the base path, {@code /admin/*}.
     *
     * @return e.g. {@code /consent/admin/*}
     */
    public String mapping() {
        return mapping;
    }

    /**
     * The audit trail the console writes.
     *
     * @return the trail
     */
    public AuditTrail auditTrail() {
        return audit;
    }

    /**
     * Admits the request through the authorizer, then answers it.
     *
     * @param request  the request
     * @param response the response
     * @throws IOException if the answer cannot be written
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            ConsoleAccess access;
            try {
                access = Objects.requireNonNull(authorizer.authorize(request), "the authorizer answered null");
            } catch (RuntimeException e) {
                LOG.warn("The privacy console's authorizer failed with {}; the request was refused", e.getClass().getName());
                access = ConsoleAccess.forbidden(null);
            }
            switch (access.kind()) {
                case UNAUTHENTICATED -> refuse(request, response, 401, "unauthorized", "Sign in to use the privacy console");
                case FORBIDDEN -> refuse(request, response, 403, "forbidden", "You may not use the privacy console");
                case GRANTED -> {
                    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
                    if (path.startsWith("/api/")) {
                        api.handle(path, access.principal(), request, response);
                    } else {
                        pages.handle(path, access.principal(), request, response);
                    }
                }
            }
        } catch (HttpProblem problem) {
            if (!response.isCommitted()) {
                response.resetBuffer();
                refuse(request, response, problem.status(), problem.code(), problem.detail());
            }
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code,
                               String detail) throws IOException {
        RequestChecks.closeIfBodyUnread(request, response);
        ConsoleApi.send(response, status, "application/json", Json.error(code, detail));
    }

    /** Stops the background verification. */
    @Override
    public void destroy() {
        services.close();
    }

    /** Builds a {@link PrivacyConsole}. */
    public static final class Builder {
        private final Samtykke samtykke;
        private final ConsoleAuthorizer authorizer;
        private AuditTrail audit = new InMemoryAuditTrail();
        private Clock clock = Clock.systemUTC();
        private Function<HttpServletRequest, Map.Entry<String, String>> formField = request -> null;

        private Builder(Samtykke samtykke, ConsoleAuthorizer authorizer) {
            this.samtykke = Objects.requireNonNull(samtykke, "samtykke");
            this.authorizer = Objects.requireNonNull(authorizer,
                    "authorizer: the console is served only to the users an authorizer of the application admits");
        }

        /**
         * Where console actions are recorded (default: {@link InMemoryAuditTrail}).
         *
         * @param audit the trail
         * @return this builder
         */
        public Builder auditTrail(AuditTrail audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /**
         * The clock (default: the system clock in UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A hidden field every form of the console's pages carries besides the console's own CSRF token: for a
         * framework that checks a token of its own on each form post (e.g. Spring Security's {@code _csrf}, which the
         * Spring Boot auto-configuration adds). The function answers the field's name and value for a request, or
         * {@code null} for none.
         *
         * @param field the field of a request
         * @return this builder
         */
        public Builder formField(Function<HttpServletRequest, Map.Entry<String, String>> field) {
            this.formField = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * Builds the console.
         *
         * @return the console servlet
         */
        public PrivacyConsole build() {
            return new PrivacyConsole(this);
        }
    }
}
