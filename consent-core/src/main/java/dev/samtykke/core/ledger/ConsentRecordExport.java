package dev.samtykke.core.ledger;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Contact;
import dev.samtykke.core.policy.DataSubjectRight;
import dev.samtykke.core.policy.Purpose;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a subject's ledger records as the JSON of the right of access (GDPR Art. 15), following the
 * information structure of ISO/IEC TS 27560:2023 (consent records): per record its record and schema
 * version, the PII principal, the processing (notice, language, purposes with their data categories,
 * lawful basis and retention, controller, jurisdiction, withdrawal method, rights) and the events of its
 * life (the decision with its validity and state; its expiry or its replacement by a later decision), plus
 * the integrity data (shard, sequence, hashes) that tie it to the verifiable ledger.
 *
 * <p>The document is valid against {@value #SCHEMA_RESOURCE} (JSON Schema 2020-12).
 */
public final class ConsentRecordExport {

    /** The classpath resource of the export's JSON Schema. */
    public static final String SCHEMA_RESOURCE = "dev/samtykke/core/ledger/consent-record-export.schema.json";
    /** The export document's schema version. */
    public static final String SCHEMA_VERSION = "samtykke-consent-record-export-1.0";
    /** The standard the structure follows. */
    public static final String CONFORMS_TO = "ISO/IEC TS 27560:2023";

    private static final JsonFactory JSON = new JsonFactory();

    private ConsentRecordExport() {
    }

    /**
     * The export of one subject's records.
     *
     * @param subjectId the subject
     * @param records the subject's records, oldest first (as {@link ConsentLedger#history} returns them)
     * @param policy the policy describing the processing
     * @param now the time of the export (decides which records count as expired)
     * @return the JSON document
     */
    public static String toJson(String subjectId, List<ConsentRecord> records, ConsentPolicy policy, Instant now) {
        LedgerChain.requireSubjectId(subjectId);
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        StringWriter out = new StringWriter(1024 + 1024 * records.size());
        try (JsonGenerator g = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("schema_version", SCHEMA_VERSION);
            g.writeStringField("conforms_to", CONFORMS_TO);
            g.writeStringField("generated_at", now.toString());
            g.writeStringField("pii_principal_id", subjectId);
            g.writeObjectFieldStart("described_by");
            g.writeStringField("policy_id", policy.id());
            g.writeStringField("policy_version", policy.version().toString());
            g.writeEndObject();
            g.writeNumberField("record_count", records.size());
            g.writeArrayFieldStart("records");
            for (int i = 0; i < records.size(); i++) {
                ConsentRecord next = i + 1 < records.size() ? records.get(i + 1) : null;
                writeRecord(g, records.get(i), next, policy, now);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * One page of a subject's records for a paged export, newest first.
     *
     * @param records the page's records, newest first (as {@link ConsentLedger#historyPage} returns them)
     * @param newer the record just newer than the page's first, which decides whether that one was superseded;
     *              {@code null} on the first page (or when it is no longer held)
     * @param limit the page size that was asked for
     * @param next the cursor of the next (older) page, or {@code null} on the last page
     */
    public record Page(List<ConsentRecord> records, ConsentRecord newer, int limit, String next) {

        /**
         * Validates the page.
         *
         * @throws IllegalArgumentException if the limit is below 1 or the page holds more records than the limit
         */
        public Page {
            records = List.copyOf(Objects.requireNonNull(records, "records"));
            if (limit < 1 || records.size() > limit) {
                throw new IllegalArgumentException("a page of " + records.size() + " records with limit " + limit);
            }
        }
    }

    /**
     * Writes one page of a subject's records to a stream as it goes: the document of {@link #toJson}, with the
     * records newest first, {@code record_count} the page's count, and the paging fields {@code "order":
     * "newest-first"}, {@code "limit"} and {@code "next"} (the cursor of the next page, or {@code null}). Each
     * record is described as {@link #toJson} describes it. The stream is flushed, not closed.
     *
     * @param out where to write UTF-8 JSON
     * @param subjectId the subject
     * @param page the page
     * @param policy the policy describing the processing
     * @param now the time of the export (decides which records count as expired)
     * @throws IOException if the stream fails
     */
    public static void writePage(OutputStream out, String subjectId, Page page, ConsentPolicy policy, Instant now)
            throws IOException {
        LedgerChain.requireSubjectId(subjectId);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("schema_version", SCHEMA_VERSION);
            g.writeStringField("conforms_to", CONFORMS_TO);
            g.writeStringField("generated_at", now.toString());
            g.writeStringField("pii_principal_id", subjectId);
            g.writeObjectFieldStart("described_by");
            g.writeStringField("policy_id", policy.id());
            g.writeStringField("policy_version", policy.version().toString());
            g.writeEndObject();
            g.writeStringField("order", "newest-first");
            g.writeNumberField("limit", page.limit());
            g.writeStringField("next", page.next());
            List<ConsentRecord> records = page.records();
            g.writeNumberField("record_count", records.size());
            g.writeArrayFieldStart("records");
            ConsentRecord newer = page.newer();
            for (ConsentRecord r : records) {
                writeRecord(g, r, newer, policy, now);
                newer = r;
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeRecord(JsonGenerator g, ConsentRecord r, ConsentRecord next, ConsentPolicy policy, Instant now)
            throws IOException {
        boolean samePolicy = r.policyId().equals(policy.id());
        String lang = r.locale();
        g.writeStartObject();
        g.writeStringField("schema_version", CONFORMS_TO);
        g.writeStringField("record_id", r.recordId());
        g.writeStringField("record_version", LedgerChain.RECORD_FORMAT);
        g.writeStringField("pii_principal_id", r.subjectId());
        g.writeStringField("created_at", r.recordedAt().toString());

        Instant end = next == null ? now : (next.decidedAt().isBefore(now) ? next.decidedAt() : now);
        String status;
        if (!r.expiresAt().isAfter(end)) {
            status = "expired";
        } else if (next != null) {
            status = "superseded";
        } else {
            status = "active";
        }
        g.writeStringField("status", status);

        g.writeObjectFieldStart("processing");
        g.writeObjectFieldStart("notice");
        g.writeStringField("policy_id", r.policyId());
        g.writeStringField("policy_version", r.policyVersion().toString());
        String url = samePolicy ? policy.noticeUrl().get(lang) : "";
        if (!url.isEmpty()) {
            g.writeStringField("url", url);
        }
        g.writeStringField("language", lang);
        g.writeStringField("sha256", r.noticeHash());
        g.writeEndObject();
        g.writeStringField("language", lang);
        g.writeStringField("collection_point", r.collectionPoint());
        g.writeStringField("collection_method", r.method().id());
        g.writeArrayFieldStart("pii_controllers");
        g.writeStartObject();
        g.writeStringField("name", policy.controller().name());
        optional(g, "organisation_number", policy.controller().organisationNumber());
        Contact c = policy.controller().contact();
        g.writeObjectFieldStart("contact");
        optional(g, "email", c.email());
        optional(g, "phone", c.phone());
        optional(g, "url", c.url());
        String address = c.address().get(lang);
        optional(g, "address", address.isEmpty() ? null : address);
        g.writeEndObject();
        String authority = policy.controller().supervisoryAuthority().name().get(lang);
        optional(g, "supervisory_authority", authority.isEmpty() ? null : authority);
        g.writeEndObject();
        g.writeEndArray();
        optional(g, "jurisdiction", policy.jurisdiction());
        g.writeArrayFieldStart("purposes");
        for (Map.Entry<String, Boolean> grant : orderedGrants(r, samePolicy ? policy : null)) {
            writePurpose(g, grant.getKey(), grant.getValue(), r, samePolicy ? policy.purpose(grant.getKey()) : Optional.empty(),
                    policy, lang);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("withdrawal_method");
        g.writeStringField("description", withdrawalText(lang));
        optional(g, "url", url.isEmpty() ? null : url);
        optional(g, "contact", c.email());
        g.writeEndObject();
        g.writeArrayFieldStart("privacy_rights");
        for (DataSubjectRight right : policy.rights()) {
            g.writeString(right.id());
        }
        g.writeEndArray();
        g.writeEndObject();

        g.writeArrayFieldStart("events");
        g.writeStartObject();
        g.writeStringField("event_type", "decision");
        g.writeStringField("event_time", r.decidedAt().toString());
        g.writeStringField("event_by", r.method() == ConsentMethod.GPC ? "pii-principal-user-agent" : "pii-principal");
        g.writeStringField("event_state", r.state().id());
        g.writeStringField("validity_duration", Duration.between(r.decidedAt(), r.expiresAt()).toString());
        g.writeStringField("valid_until", r.expiresAt().toString());
        g.writeEndObject();
        if (status.equals("expired")) {
            g.writeStartObject();
            g.writeStringField("event_type", "expiry");
            g.writeStringField("event_time", r.expiresAt().toString());
            g.writeStringField("event_by", "controller");
            g.writeStringField("event_state", "expired");
            g.writeEndObject();
        } else if (status.equals("superseded")) {
            g.writeStartObject();
            g.writeStringField("event_type", "superseded");
            g.writeStringField("event_time", next.decidedAt().toString());
            g.writeStringField("event_by", "pii-principal");
            g.writeStringField("event_state", "superseded");
            g.writeStringField("superseded_by", next.recordId());
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeObjectFieldStart("integrity");
        g.writeStringField("algorithm", "SHA-256");
        g.writeNumberField("shard", r.shard());
        g.writeNumberField("sequence", r.sequence());
        g.writeStringField("previous_hash", r.previousHash());
        g.writeStringField("hash", r.hash());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writePurpose(JsonGenerator g, String purposeId, boolean granted, ConsentRecord r, Optional<Purpose> known,
                                     ConsentPolicy policy, String lang) throws IOException {
        g.writeStartObject();
        g.writeStringField("purpose_id", purposeId);
        if (known.isPresent()) {
            Purpose p = known.get();
            g.writeStringField("purpose", p.title().get(lang));
            String description = p.description().get(lang);
            optional(g, "description", description.isEmpty() ? null : description);
            g.writeStringField("category", p.category());
            g.writeStringField("lawful_basis", p.legalBasis().id());
            g.writeArrayFieldStart("pii_categories");
            for (String id : p.dataCategories()) {
                g.writeStartObject();
                g.writeStringField("id", id);
                String title = policy.dataCategory(id).map(d -> d.title().get(lang)).orElse("");
                optional(g, "name", title.isEmpty() ? null : title);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("retention_period", p.retention().iso());
        }
        g.writeBooleanField("consent_given", granted);
        String state = granted ? "given" : (r.method() == ConsentMethod.WITHDRAW ? "withdrawn" : "refused");
        g.writeStringField("state", state);
        g.writeEndObject();
    }

    /** The record's grants in the policy's purpose order, purposes the policy does not know last. */
    private static List<Map.Entry<String, Boolean>> orderedGrants(ConsentRecord r, ConsentPolicy policy) {
        List<Map.Entry<String, Boolean>> ordered = new ArrayList<>();
        if (policy != null) {
            for (Purpose p : policy.purposes()) {
                Boolean granted = r.grants().get(p.id());
                if (granted != null) {
                    ordered.add(Map.entry(p.id(), granted));
                }
            }
        }
        for (Map.Entry<String, Boolean> e : r.grants().entrySet()) {
            if (policy == null || policy.purpose(e.getKey()).isEmpty()) {
                ordered.add(e);
            }
        }
        return ordered;
    }

    private static String withdrawalText(String lang) {
        String language = lang.split("-", 2)[0];
        if (language.equals("nb") || language.equals("no") || language.equals("nn")) {
            return "Du kan når som helst endre eller trekke tilbake samtykket i samtykkeinnstillingene på nettstedet; "
                    + "det er like enkelt som å gi det. Tilbaketrekking gjelder fra da av.";
        }
        return "You can change or withdraw your consent at any time in the site's consent settings; "
                + "withdrawing is as easy as giving it. A withdrawal applies from then on.";
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
