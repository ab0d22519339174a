package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsReport;
import dev.samtykke.servlet.internal.Asset;
import dev.samtykke.servlet.internal.HttpProblem;
import dev.samtykke.servlet.internal.RequestChecks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The console's HTML pages and their forms: routes a request whose user the authorizer admitted. A page is read with
 * GET, which changes nothing; every form is a POST from this site carrying the console's CSRF token ({@link FormCsrf})
 * and any field the application adds (e.g. Spring Security's token). A refused form is answered with an HTML page
 * saying why, with the status of the refusal.
 */
public final class ConsolePages {

    private static final Asset STYLESHEET = Asset.load("/dev/samtykke/servlet/console/console.css", "text/css; charset=utf-8");
    private static final Asset SCRIPT = Asset.load("/dev/samtykke/servlet/console/console.js",
            "text/javascript; charset=utf-8");

    private final ConsoleServices services;
    private final FormCsrf csrf = new FormCsrf();
    private final Function<HttpServletRequest, Map.Entry<String, String>> extraField;

    /**
     * The pages over the console's services.
     *
     * @param services   the services
     * @param extraField a hidden field every form carries besides the console's token (e.g. a framework's CSRF
     *                   token), or a function answering {@code null}
     */
    public ConsolePages(ConsoleServices services, Function<HttpServletRequest, Map.Entry<String, String>> extraField) {
        this.services = services;
        this.extraField = extraField;
    }

    /**
     * Answers a page request of an admitted user.
     *
     * @param path      the path below {@code {base}/admin}, e.g. {@code /subjects}
     * @param principal the user
     * @param request   the request
     * @param response  the response
     * @throws IOException if the answer cannot be written
     */
    public void handle(String path, String principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        switch (path) {
            case "/assets/console.css" -> asset(STYLESHEET, request, response);
            case "/assets/console.js" -> asset(SCRIPT, request, response);
            default -> {
                Page.Context ctx = context(principal, request, response);
                try {
                    page(path, ctx, request, response);
                } catch (HttpProblem problem) {
                    if (problem.status() == 405 || problem.status() == 404) {
                        throw problem;
                    }
                    RequestChecks.closeIfBodyUnread(request, response);
                    send(response, problem.status(), Page.CSP, ErrorPage.render(ctx, problem));
                }
            }
        }
    }

    private void page(String path, Page.Context ctx, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String method = request.getMethod();
        switch (path) {
            case "", "/" -> {
                ConsoleApi.requireGet(response, method);
                insights(ctx, request, response);
            }
            case "/subjects" -> {
                ConsoleApi.requireGet(response, method);
                send(response, 200, Page.CSP, SubjectPages.lookupForm(ctx, null, ""));
            }
            case "/subjects/lookup" -> {
                FormBody form = form(ctx, request, response);
                String typed = form.get("consentId");
                String id;
                try {
                    id = SubjectRequests.consentId(typed);
                } catch (HttpProblem e) {
                    send(response, 400, Page.CSP, SubjectPages.lookupForm(ctx, e.detail(), typed == null ? "" : typed));
                    return;
                }
                send(response, 200, Page.CSP, SubjectPages.history(ctx, services.policy,
                        services.subjects.lookup(ctx.principal(), id)));
            }
            case "/subjects/export" -> export(ctx, form(ctx, request, response), response);
            case "/subjects/erase" -> erase(ctx, form(ctx, request, response), response);
            case "/ledger" -> {
                ConsoleApi.requireGet(response, method);
                send(response, 200, Page.CSP_SCRIPT, LedgerPage.render(ctx, services.health.status(),
                        services.clock.instant()));
            }
            case "/ledger/verify" -> {
                form(ctx, request, response);
                services.startVerification(ctx.principal());
                seeOther(response, ctx.admin() + "/ledger"); // post/redirect/get: a reload does not start another
            }
            case "/audit" -> {
                ConsoleApi.requireGet(response, method);
                int limit = ConsoleApi.limit(request.getParameter("limit"));
                send(response, 200, Page.CSP, AuditPage.render(ctx, services.audit.recent(limit), limit));
            }
            default -> throw HttpProblem.notFound("No console page here");
        }
    }

    private void insights(Page.Context ctx, HttpServletRequest request, HttpServletResponse response) throws IOException {
        int days = ConsoleApi.days(request.getParameter("days"));
        LocalDate today = services.today();
        LocalDate from = today.minusDays(days - 1L);
        List<StatsCount> counts = services.counts(from, today);
        send(response, 200, Page.CSP, OverviewPage.render(ctx, services.policy, StatsReport.of(from, today, counts, c -> true),
                counts, services.health.status()));
    }

    private void export(Page.Context ctx, FormBody form, HttpServletResponse response) throws IOException {
        String id = SubjectRequests.consentId(form.get("consentId"));
        if ("print".equals(form.get("format"))) {
            List<ConsentRecord> records = services.subjects.exportForPrint(ctx.principal(), id);
            send(response, 200, Page.CSP, SubjectPages.printable(ctx, services.policy, id, records, services.clock.instant()));
        } else if ("json".equals(form.get("format"))) {
            String export = services.subjects.export(ctx.principal(), id, "exported");
            response.setHeader("Content-Disposition", "attachment; filename=\"consent-records.json\"");
            ConsoleApi.send(response, 200, "application/json", export.getBytes(StandardCharsets.UTF_8));
        } else {
            throw HttpProblem.badRequest("Choose the export's format: json or print");
        }
    }

    private void erase(Page.Context ctx, FormBody form, HttpServletResponse response) throws IOException {
        String id = SubjectRequests.consentId(form.get("consentId"));
        String token = form.get("confirmation");
        if ("yes".equals(form.get("confirmed"))) {
            int erased = services.subjects.erase(ctx.principal(), id, token);
            send(response, 200, Page.CSP, SubjectPages.erased(ctx, id, erased));
        } else {
            List<ConsentRecord> records = services.subjects.recordsToErase(ctx.principal(), id, token);
            send(response, 200, Page.CSP, SubjectPages.confirmErase(ctx, id, token, records));
        }
    }

    /** A form post: POST, from this site, with the console's CSRF token. */
    private FormBody form(Page.Context ctx, HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            throw HttpProblem.methodNotAllowed("Use the form on the console's page");
        }
        RequestChecks.requireSameOrigin(request, services.trustedOrigins);
        FormBody form = FormBody.read(request);
        if (!csrf.accepts(request, form.get(FormCsrf.FIELD), ctx.principal())) {
            throw HttpProblem.forbidden("The form did not come from this console, or its page is too old (the console"
                    + " restarted): open the page again and repeat what you did");
        }
        return form;
    }

    private Page.Context context(String principal, HttpServletRequest request, HttpServletResponse response) {
        String admin = request.getContextPath() + request.getServletPath();
        String token = csrf.token(request, response, principal, admin);
        StringBuilder hidden = new StringBuilder("<input type=\"hidden\" name=\"").append(FormCsrf.FIELD)
                .append("\" value=\"").append(Html.escape(token)).append("\">");
        Map.Entry<String, String> extra = extraField.apply(request);
        if (extra != null) {
            hidden.append("<input type=\"hidden\" name=\"").append(Html.escape(extra.getKey())).append("\" value=\"")
                    .append(Html.escape(extra.getValue())).append("\">");
        }
        return new Page.Context(admin, principal, hidden.toString());
    }

    private static void asset(Asset asset, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleApi.requireGet(response, request.getMethod());
        response.setHeader("ETag", asset.etag());
        if (asset.matches(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setStatus(200);
        response.setContentType(asset.contentType());
        response.setHeader("Cache-Control", "private, max-age=3600");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(asset.body().length);
        response.getOutputStream().write(asset.body());
    }

    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(303);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }

    private static void send(HttpServletResponse response, int status, String csp, byte[] html) throws IOException {
        response.setHeader("Content-Security-Policy", csp);
        response.setHeader("Referrer-Policy", "same-origin"); // not no-referrer: a form post would say Origin: null
        ConsoleApi.send(response, status, "text/html; charset=utf-8", html);
    }
}
