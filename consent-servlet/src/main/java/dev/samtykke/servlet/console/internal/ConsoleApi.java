package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.StatsReport;
import dev.samtykke.servlet.console.AuditAction;
import dev.samtykke.servlet.console.AuditEntry;
import dev.samtykke.servlet.console.AuditTrail;
import dev.samtykke.servlet.internal.HttpProblem;
import dev.samtykke.servlet.internal.Json;
import dev.samtykke.servlet.internal.RequestChecks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The console's JSON API below {@code {base}/admin}: routes a request whose user the authorizer admitted, checks
 * state changes against cross-site use, and records each action in the audit trail before answering.
 */
public final class ConsoleApi {

    /** The most records a look-up lists (newest first); {@code more} says when there are others. */
    public static final int MAX_LOOKUP_RECORDS = 500;
    /** The default and the most days of the stats API. */
    public static final int DEFAULT_DAYS = 30;
    private static final int MAX_BODY = 1024;
    private static final int MAX_AUDIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final ConsentPolicy policy;
    private final ConsentLedger ledger;
    private final ConsentStats stats;
    private final AuditTrail audit;
    private final Clock clock;
    private final Set<String> trustedOrigins;
    private final EraseConfirmation confirmation = new EraseConfirmation();
    private final LedgerHealth health;

    /**
     * The API over a site's parts.
     *
     * @param policy         the policy
     * @param ledger         the ledger
     * @param stats          the counters
     * @param audit          the audit trail
     * @param clock          the clock
     * @param trustedOrigins origins besides the request's own that may change state
     */
    public ConsoleApi(ConsentPolicy policy, ConsentLedger ledger, ConsentStats stats, AuditTrail audit, Clock clock,
                      Set<String> trustedOrigins) {
        this.policy = policy;
        this.ledger = ledger;
        this.stats = stats;
        this.audit = audit;
        this.clock = clock;
        this.trustedOrigins = trustedOrigins;
        this.health = new LedgerHealth(ledger, clock);
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
            case "", "/" -> {
                requireGet(response, method);
                overview(request, response);
            }
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
        StatsReport report;
        try {
            report = StatsReport.lastDays(stats, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), days);
        } catch (RuntimeException e) {
            LOG.warn("The consent counters could not be read: {}", e.toString());
            throw HttpProblem.unavailable("The counters cannot be read right now; try again later");
        }
        if (csv) {
            response.setHeader("Content-Disposition", "attachment; filename=\"samtykke-stats-" + report.from() + "-"
                    + report.to() + ".csv\"");
            send(response, 200, "text/csv; charset=utf-8",
                    StatsWriter.csv(report, policy.purposes().stream().filter(Purpose::requiresConsent).map(Purpose::id).toList()));
        } else {
            send(response, 200, StatsWriter.json(report));
        }
    }

    private void overview(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int days = days(request.getParameter("days"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = today.minusDays(days - 1L);
        List<dev.samtykke.core.stats.StatsCount> counts;
        try {
            counts = stats.counts(from, today);
        } catch (RuntimeException e) {
            LOG.warn("The consent counters could not be read: {}", e.toString());
            throw HttpProblem.unavailable("The counters cannot be read right now; try again later");
        }
        StatsReport report = StatsReport.of(from, today, counts, c -> true);
        response.setHeader("Content-Security-Policy", OverviewPage.CSP);
        response.setHeader("Referrer-Policy", "no-referrer");
        send(response, 200, "text/html; charset=utf-8", OverviewPage.render(policy, report, counts, health.status(),
                request.getContextPath() + request.getServletPath()));
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
        String subject = consentId(body);
        List<ConsentRecord> records = read(() -> ledger.historyPage(subject, Long.MAX_VALUE, MAX_LOOKUP_RECORDS + 1));
        boolean more = records.size() > MAX_LOOKUP_RECORDS;
        List<ConsentRecord> shown = more ? records.subList(0, MAX_LOOKUP_RECORDS) : records;
        record(principal, AuditAction.LOOKUP, subject, shown.size() + (more ? "+" : "") + " records");
        String token = confirmation.issue(subject, principal, clock.instant());
        send(response, 200, Json.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("consentId", subject);
            json.writeArrayPropertyStart("records");
            for (ConsentRecord r : shown) {
                writeRecord(json, r);
            }
            json.writeEndArray();
            json.writeBooleanProperty("more", more);
            json.writeObjectPropertyStart("confirmation");
            json.writeStringProperty("token", token);
            json.writeStringProperty("expiresAt", clock.instant().plus(EraseConfirmation.VALIDITY).toString());
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
        String subject = consentId(body);
        String export = read(() -> ledger.export(subject, policy));
        record(principal, AuditAction.EXPORT, subject, "exported");
        response.setHeader("Content-Disposition", "attachment; filename=\"consent-records.json\"");
        send(response, 200, export.getBytes(StandardCharsets.UTF_8));
    }

    private void erase(String principal, JsonNode body, HttpServletResponse response) throws IOException {
        String subject = consentId(body);
        JsonNode token = body.get("confirmation");
        if (token == null || !token.isString()
                || !confirmation.confirms(token.asString(), subject, principal, clock.instant())) {
            throw HttpProblem.forbidden("Erasure needs the confirmation token of a look-up of these records by you,"
                    + " at most " + EraseConfirmation.VALIDITY.toMinutes() + " minutes old: look the records up first");
        }
        int erased;
        try {
            erased = ledger.erase(subject);
        } catch (RuntimeException e) {
            LOG.warn("The consent ledger could not erase a subject's records: {}", e.toString());
            throw HttpProblem.unavailable("The records could not be erased right now; nothing was changed, try again later");
        }
        record(principal, AuditAction.ERASURE, subject, "erased " + erased + " records");
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
        RequestChecks.requireSameOrigin(request, trustedOrigins);
        health.start(() -> record(principal, AuditAction.VERIFICATION, null, "started"), result -> {
            String outcome = result.verification() == null ? "failed: " + result.failure()
                    : result.verification().isIntact() ? "intact, " + result.verification().recordsChecked() + " records"
                    : "broken: " + result.verification().problems().size() + " problems";
            try {
                audit.record(new AuditEntry(result.finishedAt(), principal, AuditAction.VERIFICATION, null, outcome));
            } catch (RuntimeException e) {
                LOG.warn("The console's audit trail could not record a verification's result: {}", e.toString());
            }
        });
        send(response, 202, ledgerStatus());
    }

    private byte[] ledgerStatus() {
        LedgerHealth.Status status = health.status();
        return Json.write(json -> {
            json.writeStartObject();
            json.writeBooleanProperty("running", status.runningSince() != null);
            if (status.runningSince() != null) {
                json.writeStringProperty("runningSince", status.runningSince().toString());
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

    private void auditTrail(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int limit = 100;
        String value = request.getParameter("limit");
        if (value != null) {
            try {
                limit = value.length() > 5 ? -1 : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_AUDIT) {
                throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_AUDIT);
            }
        }
        List<AuditEntry> entries = audit.recent(limit);
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

    /** Records an action before it is answered; without a record, no answer (503). */
    private void record(String principal, AuditAction action, String subjectId, String outcome) {
        try {
            audit.record(new AuditEntry(clock.instant(), principal, action, subjectId == null ? null : digest(subjectId),
                    outcome));
        } catch (RuntimeException e) {
            LOG.warn("The console's audit trail could not record a {}: {}", action.id(), e.toString());
            throw HttpProblem.unavailable("The action could not be recorded in the audit trail, so it is not answered");
        }
    }

    /**
     * How the audit trail names a consent id: {@code sha256:} and the first 16 hex digits of its SHA-256.
     *
     * @param subjectId the consent id
     * @return the digest
     */
    public static String digest(String subjectId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subjectId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static <T> T read(java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("consentId is not a consent id");
        } catch (RuntimeException e) {
            LOG.warn("The consent ledger could not be read: {}", e.toString());
            throw HttpProblem.unavailable("The consent records cannot be read right now; try again later");
        }
    }

    /** The body's {@code consentId}: 1 to 128 visible ASCII characters. */
    private static String consentId(JsonNode body) {
        JsonNode id = body.get("consentId");
        String value = id != null && id.isString() ? id.asString().strip() : "";
        if (value.isEmpty() || value.length() > 128 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw HttpProblem.badRequest("Send {\"consentId\":\"…\"}: the consent id the visitor quoted (1 to 128 visible"
                    + " ASCII characters)");
        }
        return value;
    }

    /** A state change: POST, from this site, a small JSON object. */
    private JsonNode requirePostJson(HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            throw HttpProblem.methodNotAllowed("Use POST here, with a JSON body");
        }
        RequestChecks.requireSameOrigin(request, trustedOrigins);
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

    private static void requireGet(HttpServletResponse response, String method) {
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

    /** Stops the background verification thread. */
    public void close() {
        health.close();
    }
}
