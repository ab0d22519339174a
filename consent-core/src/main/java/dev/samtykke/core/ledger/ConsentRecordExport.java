package dev.samtykke.core.ledger;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Contact;
import dev.samtykke.core.policy.DataSubjectRight;
import dev.samtykke.core.policy.Purpose;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
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

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    // As Jackson 2 did: a character beyond U+FFFF as an escaped surrogate pair, so the bytes stay the same.
                    .disable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();

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
        try (JsonGenerator g = PRETTY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("schema_version", SCHEMA_VERSION);
            g.writeStringProperty("conforms_to", CONFORMS_TO);
            g.writeStringProperty("generated_at", now.toString());
            g.writeStringProperty("pii_principal_id", subjectId);
            g.writeObjectPropertyStart("described_by");
            g.writeStringProperty("policy_id", policy.id());
            g.writeStringProperty("policy_version", policy.version().toString());
            g.writeEndObject();
            g.writeNumberProperty("record_count", records.size());
            g.writeArrayPropertyStart("records");
            for (int i = 0; i < records.size(); i++) {
                ConsentRecord next = i + 1 < records.size() ? records.get(i + 1) : null;
                writeRecord(g, records.get(i), next, policy, now);
            }
            g.writeEndArray();
            g.writeEndObject();
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
            g.writeStartObject();
            g.writeStringProperty("schema_version", SCHEMA_VERSION);
            g.writeStringProperty("conforms_to", CONFORMS_TO);
            g.writeStringProperty("generated_at", now.toString());
            g.writeStringProperty("pii_principal_id", subjectId);
            g.writeObjectPropertyStart("described_by");
            g.writeStringProperty("policy_id", policy.id());
            g.writeStringProperty("policy_version", policy.version().toString());
            g.writeEndObject();
            g.writeStringProperty("order", "newest-first");
            g.writeNumberProperty("limit", page.limit());
            g.writeStringProperty("next", page.next());
            List<ConsentRecord> records = page.records();
            g.writeNumberProperty("record_count", records.size());
            g.writeArrayPropertyStart("records");
            ConsentRecord newer = page.newer();
            for (ConsentRecord r : records) {
                writeRecord(g, r, newer, policy, now);
                newer = r;
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (JacksonIOException e) {
            // Jackson 3 wraps the stream's failure; callers see the IOException itself, as before.
            throw e.getCause();
        }
    }

    private static void writeRecord(JsonGenerator g, ConsentRecord r, ConsentRecord next, ConsentPolicy policy, Instant now) {
        boolean samePolicy = r.policyId().equals(policy.id());
        String lang = r.locale();
        g.writeStartObject();
        g.writeStringProperty("schema_version", CONFORMS_TO);
        g.writeStringProperty("record_id", r.recordId());
        g.writeStringProperty("record_version", LedgerChain.RECORD_FORMAT);
        g.writeStringProperty("pii_principal_id", r.subjectId());
        g.writeStringProperty("created_at", r.recordedAt().toString());

        Instant end = next == null ? now : (next.decidedAt().isBefore(now) ? next.decidedAt() : now);
        String status;
        if (!r.expiresAt().isAfter(end)) {
            status = "expired";
        } else if (next != null) {
            status = "superseded";
        } else {
            status = "active";
        }
        g.writeStringProperty("status", status);

        g.writeObjectPropertyStart("processing");
        g.writeObjectPropertyStart("notice");
        g.writeStringProperty("policy_id", r.policyId());
        g.writeStringProperty("policy_version", r.policyVersion().toString());
        String url = samePolicy ? policy.noticeUrl().get(lang) : "";
        if (!url.isEmpty()) {
            g.writeStringProperty("url", url);
        }
        g.writeStringProperty("language", lang);
        g.writeStringProperty("sha256", r.noticeHash());
        g.writeEndObject();
        g.writeStringProperty("language", lang);
        g.writeStringProperty("collection_point", r.collectionPoint());
        g.writeStringProperty("collection_method", r.method().id());
        g.writeArrayPropertyStart("pii_controllers");
        g.writeStartObject();
        g.writeStringProperty("name", policy.controller().name());
        optional(g, "organisation_number", policy.controller().organisationNumber());
        Contact c = policy.controller().contact();
        g.writeObjectPropertyStart("contact");
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
        g.writeArrayPropertyStart("purposes");
        for (Map.Entry<String, Boolean> grant : orderedGrants(r, samePolicy ? policy : null)) {
            writePurpose(g, grant.getKey(), grant.getValue(), r, samePolicy ? policy.purpose(grant.getKey()) : Optional.empty(),
                    policy, lang);
        }
        g.writeEndArray();
        g.writeObjectPropertyStart("withdrawal_method");
        g.writeStringProperty("description", withdrawalText(lang));
        optional(g, "url", url.isEmpty() ? null : url);
        optional(g, "contact", c.email());
        g.writeEndObject();
        g.writeArrayPropertyStart("privacy_rights");
        for (DataSubjectRight right : policy.rights()) {
            g.writeString(right.id());
        }
        g.writeEndArray();
        g.writeEndObject();

        g.writeArrayPropertyStart("events");
        g.writeStartObject();
        g.writeStringProperty("event_type", "decision");
        g.writeStringProperty("event_time", r.decidedAt().toString());
        g.writeStringProperty("event_by", r.method() == ConsentMethod.GPC ? "pii-principal-user-agent" : "pii-principal");
        g.writeStringProperty("event_state", r.state().id());
        g.writeStringProperty("validity_duration", Duration.between(r.decidedAt(), r.expiresAt()).toString());
        g.writeStringProperty("valid_until", r.expiresAt().toString());
        g.writeEndObject();
        if (status.equals("expired")) {
            g.writeStartObject();
            g.writeStringProperty("event_type", "expiry");
            g.writeStringProperty("event_time", r.expiresAt().toString());
            g.writeStringProperty("event_by", "controller");
            g.writeStringProperty("event_state", "expired");
            g.writeEndObject();
        } else if (status.equals("superseded")) {
            g.writeStartObject();
            g.writeStringProperty("event_type", "superseded");
            g.writeStringProperty("event_time", next.decidedAt().toString());
            g.writeStringProperty("event_by", "pii-principal");
            g.writeStringProperty("event_state", "superseded");
            g.writeStringProperty("superseded_by", next.recordId());
            g.writeEndObject();
        }
        g.writeEndArray();

        g.writeObjectPropertyStart("integrity");
        g.writeStringProperty("algorithm", "SHA-256");
        g.writeNumberProperty("shard", r.shard());
        g.writeNumberProperty("sequence", r.sequence());
        g.writeStringProperty("previous_hash", r.previousHash());
        g.writeStringProperty("hash", r.hash());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writePurpose(JsonGenerator g, String purposeId, boolean granted, ConsentRecord r, Optional<Purpose> known,
                                     ConsentPolicy policy, String lang) {
        g.writeStartObject();
        g.writeStringProperty("purpose_id", purposeId);
        if (known.isPresent()) {
            Purpose p = known.get();
            g.writeStringProperty("purpose", p.title().get(lang));
            String description = p.description().get(lang);
            optional(g, "description", description.isEmpty() ? null : description);
            g.writeStringProperty("category", p.category());
            g.writeStringProperty("lawful_basis", p.legalBasis().id());
            g.writeArrayPropertyStart("pii_categories");
            for (String id : p.dataCategories()) {
                g.writeStartObject();
                g.writeStringProperty("id", id);
                String title = policy.dataCategory(id).map(d -> d.title().get(lang)).orElse("");
                optional(g, "name", title.isEmpty() ? null : title);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringProperty("retention_period", p.retention().iso());
        }
        g.writeBooleanProperty("consent_given", granted);
        String state = granted ? "given" : (r.method() == ConsentMethod.WITHDRAW ? "withdrawn" : "refused");
        g.writeStringProperty("state", state);
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

    private static void optional(JsonGenerator g, String field, String value) {
        if (value != null) {
            g.writeStringProperty(field, value);
        }
    }
}
