package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.stats.StatsReport;
import dev.samtykke.servlet.console.AuditEntry;
import dev.samtykke.servlet.internal.HttpProblem;
import dev.samtykke.servlet.internal.Json;
import dev.samtykke.servlet.internal.RequestChecks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The console's JSON API below {@code {base}/admin/api}: routes a request whose user the authorizer admitted, checks
 * state changes against cross-site use (a JSON body, which a cross-site form cannot send), and records each action in
 * the audit trail before answering.
 */
public final class ConsoleApi {

    /** The default number of days of the stats. */
    public static final int DEFAULT_DAYS = 30;
    private static final int MAX_BODY = 1024;
    static final int MAX_AUDIT = 1000;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final ConsoleServices services;

    /**
     * The API over the console's services.
     *
     * @param services the services
     */
    public ConsoleApi(ConsoleServices services) {
        this.services = services;
    }

    /**
     * Answers a request of an admitted user.
     *
     * @param path      the path below {@code {base}/admin}, e.g. {@code /api/stats}
     * @param principal the user
     * @param request   the request
     * @param response  the response
     * @throws IOException   if the answer cannot be written
     * @throws HttpProblem   for a refused request (the caller answers it)
     */
    public void handle(String path, String principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String method = request.getMethod();
        switch (path) {
            case "/api/stats" -> {
                requireGet(response, method);
                stats(request, response, "csv".equals(request.getParameter("format")));
            }
            case "/api/stats.csv" -> {
                requireGet(response, method);
                stats(request, response, true);
            }
            case "/api/subjects/lookup" -> lookup(principal, requirePostJson(request, response), response);
            case "/api/subjects/export" -> export(principal, requirePostJson(request, response), response);
            case "/api/subjects/erase" -> erase(principal, requirePostJson(request, response), response);
            case "/api/ledger" -> {
                requireGet(response, method);
                send(response, 200, ledgerStatus());
            }
            case "/api/ledger/verify" -> verify(principal, request, response);
            case "/api/audit" -> {
                requireGet(response, method);
                auditTrail(request, response);
            }
            default -> throw HttpProblem.notFound("No console resource here");
        }
    }

    private void stats(HttpServletRequest request, HttpServletResponse response, boolean csv) throws IOException {
        int days = days(request.getParameter("days"));
        StatsReport report = StatsReport.of(services.today().minusDays(days - 1L), services.today(),
                services.counts(services.today().minusDays(days - 1L), services.today()), c -> true);
        if (csv) {
            response.setHeader("Content-Disposition", "attachment; filename=\"samtykke-stats-" + report.from() + "-"
                    + report.to() + ".csv\"");
            send(response, 200, "text/csv; charset=utf-8", StatsWriter.csv(report,
                    services.policy.purposes().stream().filter(Purpose::requiresConsent).map(Purpose::id).toList()));
        } else {
            send(response, 200, StatsWriter.json(report));
        }
    }

    /** The {@code days} parameter: 1 to {@link StatsReport#MAX_DAYS}, default {@value #DEFAULT_DAYS}. */
    static int days(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = value.length() > 4 ? -1 : Integer.parseInt(value);
            if (days >= 1 && days <= StatsReport.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HttpProblem.badRequest("days must be a whole number from 1 to " + StatsReport.MAX_DAYS);
    }

    private void lookup(String principal, JsonNode body, HttpServletResponse response) throws IOException {
        SubjectRequests.Lookup found = services.subjects.lookup(principal, consentId(body));
        send(response, 200, Json.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("consentId", found.consentId());
            json.writeArrayPropertyStart("records");
            for (ConsentRecord r : found.records()) {
                writeRecord(json, r);
            }
            json.writeEndArray();
            json.writeBooleanProperty("more", found.more());
            json.writeObjectPropertyStart("confirmation");
            json.writeStringProperty("token", found.token());
            json.writeStringProperty("expiresAt", found.tokenExpires().toString());
            json.writeEndObject();
            json.writeEndObject();
        }));
    }

    private static void writeRecord(JsonGenerator json, ConsentRecord r) {
        json.writeStartObject();
        json.writeStringProperty("recordId", r.recordId());
        json.writeStringProperty("decidedAt", r.decidedAt().toString());
        json.writeStringProperty("method", r.method().id());
        json.writeStringProperty("state", r.state().id());
        json.writeStringProperty("policyId", r.policyId());
        json.writeStringProperty("policyVersion", r.policyVersion().toString());
        json.writeStringProperty("locale", r.locale());
        json.writeStringProperty("collectionPoint", r.collectionPoint());
        json.writeStringProperty("noticeHash", r.noticeHash());
        json.writeStringProperty("expiresAt", r.expiresAt().toString());
        json.writeObjectPropertyStart("grants");
        r.grants().forEach((purpose, granted) -> json.writeBooleanProperty(purpose, granted));
        json.writeEndObject();
        json.writeEndObject();
    }

    private void export(String principal, JsonNode body, HttpServletResponse response) throws IOException {
        String export = services.subjects.export(principal, consentId(body), "exported");
        response.setHeader("Content-Disposition", "attachment; filename=\"consent-records.json\"");
        send(response, 200, export.getBytes(StandardCharsets.UTF_8));
    }

    private void erase(String principal, JsonNode body, HttpServletResponse response) throws IOException {
        String subject = consentId(body);
        JsonNode token = body.get("confirmation");
        int erased = services.subjects.erase(principal, subject, token != null && token.isString() ? token.asString() : null);
        send(response, 200, Json.write(json -> {
            json.writeStartObject();
            json.writeNumberProperty("erased", erased);
            json.writeEndObject();
        }));
    }

    private void verify(String principal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            throw HttpProblem.methodNotAllowed("Use POST here");
        }
        RequestChecks.requireSameOrigin(request, services.trustedOrigins);
        services.startVerification(principal);
        send(response, 202, ledgerStatus());
    }

    private byte[] ledgerStatus() {
        LedgerHealth.Status status = services.health.status();
        return Json.write(json -> {
            json.writeStartObject();
            json.writeBooleanProperty("running", status.runningSince() != null);
            if (status.runningSince() != null) {
                json.writeStringProperty("runningSince", status.runningSince().toString());
            }
            if (status.progress() != null) {
                json.writeObjectPropertyStart("progress");
                json.writeNumberProperty("checked", status.progress().checked());
                json.writeNumberProperty("total", status.progress().total());
                json.writeEndObject();
            }
            json.writeName("last");
            LedgerHealth.Result last = status.last();
            if (last == null) {
                json.writeNull();
            } else {
                json.writeStartObject();
                json.writeStringProperty("startedAt", last.startedAt().toString());
                json.writeStringProperty("finishedAt", last.finishedAt().toString());
                LedgerVerification v = last.verification();
                if (v == null) {
                    json.writeStringProperty("failure", last.failure());
                } else {
                    json.writeBooleanProperty("intact", v.isIntact());
                    json.writeNumberProperty("recordsChecked", v.recordsChecked());
                    json.writeNumberProperty("tombstones", v.tombstones());
                    json.writeNumberProperty("events", v.events());
                    json.writeNumberProperty("shards", v.shards());
                    json.writeStringProperty("anchor", v.anchor());
                    json.writeArrayPropertyStart("problems");
                    v.problems().stream().limit(100).forEach(p -> {
                        json.writeStartObject();
                        json.writeStringProperty("kind", p.kind().name());
                        json.writeNumberProperty("shard", p.shard());
                        json.writeNumberProperty("sequence", p.sequence());
                        json.writeStringProperty("message", p.message());
                        json.writeEndObject();
                    });
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    /** The {@code limit} parameter of the audit trail: 1 to {@value #MAX_AUDIT}, default 100. */
    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return 100;
        }
        try {
            int limit = value.length() > 5 ? -1 : Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_AUDIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_AUDIT);
    }

    private void auditTrail(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int limit = limit(request.getParameter("limit"));
        List<AuditEntry> entries = services.audit.recent(limit);
        send(response, 200, Json.write(json -> {
            json.writeStartObject();
            json.writeArrayPropertyStart("entries");
            for (AuditEntry e : entries) {
                json.writeStartObject();
                json.writeStringProperty("at", e.at().toString());
                json.writeStringProperty("principal", e.principal());
                json.writeStringProperty("action", e.action().id());
                json.writeStringProperty("subject", e.subject());
                json.writeStringProperty("outcome", e.outcome());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /** The body's {@code consentId}. */
    private static String consentId(JsonNode body) {
        JsonNode id = body.get("consentId");
        try {
            return SubjectRequests.consentId(id != null && id.isString() ? id.asString() : null);
        } catch (HttpProblem e) {
            throw HttpProblem.badRequest("Send {\"consentId\":\"…\"}: the consent id the visitor quoted (1 to "
                    + SubjectRequests.MAX_ID + " visible ASCII characters)");
        }
    }

    /** A state change: POST, from this site, a small JSON object. */
    private JsonNode requirePostJson(HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            throw HttpProblem.methodNotAllowed("Use POST here, with a JSON body");
        }
        RequestChecks.requireSameOrigin(request, services.trustedOrigins);
        RequestChecks.requireJson(request);
        byte[] body = RequestChecks.readBody(request, MAX_BODY);
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw HttpProblem.badRequest("Send a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw HttpProblem.badRequest("The body is not valid JSON");
        }
    }

    static void requireGet(HttpServletResponse response, String method) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            throw HttpProblem.methodNotAllowed("Use GET here");
        }
    }

    private static void send(HttpServletResponse response, int status, byte[] json) throws IOException {
        send(response, status, "application/json", json);
    }

    /**
     * Writes an answer that no cache keeps.
     *
     * @param response    the response
     * @param status      the status
     * @param contentType the content type
     * @param body        the body
     * @throws IOException if it cannot be written
     */
    public static void send(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
