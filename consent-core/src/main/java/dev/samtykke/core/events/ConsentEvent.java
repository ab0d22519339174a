package dev.samtykke.core.events;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.spi.LedgerChain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a downstream system learns of one ledger entry: a decision recorded for a subject, or the subject's erasure.
 * Written to the outbox in the same transaction as the entry, delivered from there (see {@code docs/events.md}).
 * Holds the pseudonymous subject id and purpose ids only: no IP address, user agent or notice text.
 *
 * @param eventId the event's random id (a UUID), the idempotency key receivers deduplicate by
 * @param type {@link Type#RECORDED} or {@link Type#ERASED}
 * @param subjectId the pseudonymous subject id the entry belongs to
 * @param recordId the ledger record's id; {@code null} for an erasure
 * @param policyId the policy's id; {@code null} for an erasure
 * @param policyVersion the policy's version, e.g. {@code 2.1}; {@code null} for an erasure
 * @param granted the purpose ids granted, sorted; empty for an erasure
 * @param denied the purpose ids refused or withdrawn, sorted; empty for an erasure
 * @param method how the decision was made ({@code accept-all}, {@code reject-all}, {@code custom}, {@code withdraw},
 *        {@code gpc}, {@code api}); {@code null} for an erasure
 * @param kind {@code given}, {@code partially-given}, {@code refused}, {@code withdrawn}, or {@code erased}
 * @param occurredAt when the decision was made, or when the subject was erased
 * @param ledgerSequence the entry's position in its ledger chain: a subject's events are delivered in this order
 */
public record ConsentEvent(String eventId, Type type, String subjectId, String recordId, String policyId,
                           String policyVersion, List<String> granted, List<String> denied, String method, String kind,
                           Instant occurredAt, long ledgerSequence) {

    /** The value of the outbox's {@code aggregatetype} column, and so of Debezium's topic suffix. */
    public static final String AGGREGATE_TYPE = "consent";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that no part is missing. */
    public ConsentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        LedgerChain.requireSubjectId(subjectId);
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (type == Type.RECORDED) {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(policyId, "policyId");
            Objects.requireNonNull(policyVersion, "policyVersion");
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * The event of a stored record.
     *
     * @param record the record as the ledger stored it
     * @return a {@link Type#RECORDED} event with a new event id
     */
    public static ConsentEvent recorded(ConsentRecord record) {
        List<String> granted = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        record.grants().forEach((purpose, yes) -> (yes ? granted : denied).add(purpose)); // grants are sorted
        return new ConsentEvent(UUID.randomUUID().toString(), Type.RECORDED, record.subjectId(), record.recordId(),
                record.policyId(), record.policyVersion().toString(), granted, denied, record.method().id(),
                record.state().id(), record.decidedAt(), record.sequence());
    }

    /**
     * The event of a subject's erasure: downstream systems must erase what they hold of the subject too.
     *
     * @param subjectId the erased subject
     * @param at when
     * @param ledgerSequence the position of the ledger's erasure event in the subject's chain
     * @return a {@link Type#ERASED} event with a new event id
     */
    public static ConsentEvent erased(String subjectId, Instant at, long ledgerSequence) {
        return new ConsentEvent(UUID.randomUUID().toString(), Type.ERASED, subjectId, null, null, null, List.of(), List.of(),
                null, "erased", at, ledgerSequence);
    }

    /**
     * The event as the JSON webhooks receive and the outbox's {@code payload} column holds, e.g.
     * {@code {"id":"…","type":"consent.recorded","subjectId":"…","recordId":"…","policyId":"jackon","policyVersion":"2.1",
     * "granted":["analytics"],"denied":["marketing"],"method":"custom","kind":"partially-given",
     * "occurredAt":"2026-11-26T10:15:30.123456Z","sequence":42}}}; an erasure leaves out the record's fields.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", eventId);
        o.put("type", type.id());
        o.put("subjectId", subjectId);
        if (type == Type.RECORDED) {
            o.put("recordId", recordId);
            o.put("policyId", policyId);
            o.put("policyVersion", policyVersion);
            ArrayNode g = o.putArray("granted");
            granted.forEach(g::add);
            ArrayNode d = o.putArray("denied");
            denied.forEach(d::add);
            o.put("method", method);
        }
        o.put("kind", kind);
        o.put("occurredAt", occurredAt.toString());
        o.put("sequence", ledgerSequence);
        return JSON.writeValueAsString(o);
    }

    /**
     * Reads an event written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the event
     * @throws IllegalArgumentException if it is not such an event
     */
    public static ConsentEvent fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            Type type = Type.fromId(text(o, "type"));
            List<String> granted = new ArrayList<>();
            List<String> denied = new ArrayList<>();
            o.path("granted").forEach(n -> granted.add(n.asString()));
            o.path("denied").forEach(n -> denied.add(n.asString()));
            return new ConsentEvent(text(o, "id"), type, text(o, "subjectId"), optional(o, "recordId"), optional(o, "policyId"),
                    optional(o, "policyVersion"), granted, denied, optional(o, "method"), text(o, "kind"),
                    Instant.parse(text(o, "occurredAt")), o.path("sequence").asLong());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a consent event: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isString()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return n.asString();
    }

    private static String optional(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asString();
    }

    /** What happened. */
    public enum Type {
        /** A decision was recorded. */
        RECORDED("consent.recorded"),
        /** The subject was erased (right to erasure): erase what you hold of them. */
        ERASED("consent.erased");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        /** The identifier in the JSON, the outbox's {@code type} column and the {@code Samtykke-Event-Type} header. */
        public String id() {
            return id;
        }

        /**
         * The type of an identifier.
         *
         * @param id e.g. {@code consent.recorded}
         * @return the type
         * @throws IllegalArgumentException if unknown
         */
        public static Type fromId(String id) {
            for (Type t : values()) {
                if (t.id.equals(id)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown event type " + id);
        }
    }
}
