package dev.samtykke.core.ledger.spi;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An event of a chain that is not a consent record: an erasure, a purge, an eviction or an upgrade. It takes a position in its
 * shard's chain like a record (its {@link ChainEntry#recordId() id}, content hash and chain hash), so that the
 * chain proves what was erased or removed and when; it holds no personal data (no subject id), only positions.
 *
 * <p>A tombstone (a record whose content is gone) is legitimate only if an event later in its chain names its
 * position in {@link #covered()}; {@link ChainVerifier} reports every other one.
 *
 * <p>Its content is its canonical JSON ({@link #toJson()}), an array of the format tag {@value #FORMAT}, the kind,
 * the time, the purge's cut-off (or {@code null}), the covered positions as {@code [first, last]} ranges, and the
 * removed range (or {@code null}); its content hash is the SHA-256 of that text.
 *
 * @param kind what happened
 * @param at when it happened (microseconds)
 * @param cutoff for a purge, the cut-off: records that expired before it were purged; {@code null} otherwise
 * @param covered the positions whose content this event removed, as sorted, disjoint ranges, all before the event
 * @param removed the positions deleted from the chain's start by this event (the checkpoint moved to its end), or
 *        {@code null}
 */
public record LedgerEvent(Kind kind, Instant at, Instant cutoff, List<Range> covered, Range removed) {

    /** The format tag at the head of every event's canonical content. */
    public static final String FORMAT = "samtykke-event-v1";

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Checks the parts. */
    public LedgerEvent {
        Objects.requireNonNull(kind, "kind");
        at = LedgerChain.stored(Objects.requireNonNull(at, "at"));
        cutoff = cutoff == null ? null : LedgerChain.stored(cutoff);
        covered = List.copyOf(covered);
        for (int i = 1; i < covered.size(); i++) {
            if (covered.get(i).first() <= covered.get(i - 1).last()) {
                throw new IllegalArgumentException("covered ranges must be sorted and disjoint: " + covered);
            }
        }
    }

    /**
     * An erasure of the records at these positions.
     *
     * @param at when
     * @param positions the erased records' sequences, in any order
     * @return the event
     */
    public static LedgerEvent erasure(Instant at, Collection<Long> positions) {
        return new LedgerEvent(Kind.ERASURE, at, null, Range.of(positions), null);
    }

    /**
     * A purge with this cut-off that emptied the records at {@code positions} and deleted {@code removed}.
     *
     * @param at when
     * @param cutoff the cut-off
     * @param positions the sequences of the records whose content was removed
     * @param removed the range deleted from the chain's start, or {@code null}
     * @return the event
     */
    public static LedgerEvent purge(Instant at, Instant cutoff, Collection<Long> positions, Range removed) {
        return new LedgerEvent(Kind.PURGE, at, Objects.requireNonNull(cutoff, "cutoff"), Range.of(positions), removed);
    }

    /**
     * The upgrade of a store whose earlier version recorded no events: it names the tombstones found then.
     *
     * @param at when
     * @param positions the sequences of the tombstones found
     * @return the event
     */
    public static LedgerEvent upgrade(Instant at, Collection<Long> positions) {
        return new LedgerEvent(Kind.UPGRADE, at, null, Range.of(positions), null);
    }

    /**
     * An eviction: a bounded store deleted the chain's oldest entries to make room.
     *
     * @param at when
     * @param removed the range deleted from the chain's start
     * @return the event
     */
    public static LedgerEvent eviction(Instant at, Range removed) {
        return new LedgerEvent(Kind.EVICTION, at, null, List.of(), Objects.requireNonNull(removed, "removed"));
    }

    /** The canonical JSON text whose SHA-256 is the event's content hash. */
    public String toJson() {
        StringWriter out = new StringWriter(64 + 24 * covered.size());
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartArray();
            g.writeString(FORMAT);
            g.writeString(kind.id());
            g.writeString(at.toString());
            if (cutoff == null) {
                g.writeNull();
            } else {
                g.writeString(cutoff.toString());
            }
            g.writeStartArray();
            for (Range r : covered) {
                writeRange(g, r);
            }
            g.writeEndArray();
            if (removed == null) {
                g.writeNull();
            } else {
                writeRange(g, removed);
            }
            g.writeEndArray();
        }
        return out.toString();
    }

    /** The content hash: the SHA-256 of {@link #toJson()}. */
    public String contentHash() {
        return LedgerChain.sha256Hex(toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an event's canonical JSON.
     *
     * @param json the text written by {@link #toJson()}
     * @return the event
     * @throws IllegalArgumentException if the text is not such an event
     */
    public static LedgerEvent parse(String json) {
        try {
            JsonNode a = MAPPER.readTree(json);
            if (a == null || !a.isArray() || a.size() != 6 || !FORMAT.equals(a.get(0).asString())) {
                throw new IllegalArgumentException("not a " + FORMAT + " event");
            }
            Kind kind = Arrays.stream(Kind.values()).filter(k -> k.id().equals(a.get(1).asString())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown event kind " + a.get(1)));
            Instant cutoff = a.get(3).isNull() ? null : Instant.parse(a.get(3).asString());
            List<Range> covered = new ArrayList<>();
            for (JsonNode r : a.get(4)) {
                covered.add(readRange(r));
            }
            Range removed = a.get(5).isNull() ? null : readRange(a.get(5));
            return new LedgerEvent(kind, Instant.parse(a.get(2).asString()), cutoff, covered, removed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable ledger event", e);
        }
    }

    private static void writeRange(JsonGenerator g, Range r) {
        g.writeStartArray();
        g.writeNumber(r.first());
        g.writeNumber(r.last());
        g.writeEndArray();
    }

    private static Range readRange(JsonNode r) {
        if (!r.isArray() || r.size() != 2 || !r.get(0).canConvertToLong() || !r.get(1).canConvertToLong()) {
            throw new IllegalArgumentException("not a range: " + r);
        }
        return new Range(r.get(0).asLong(), r.get(1).asLong());
    }

    /** What an event records. */
    public enum Kind {
        /** A subject's records were erased (right to erasure). */
        ERASURE("erasure"),
        /** Records past retention were emptied, and the chain's leading run of such records deleted. */
        PURGE("purge"),
        /** A bounded store deleted the chain's oldest entries to make room. */
        EVICTION("eviction"),
        /**
         * A store was upgraded from a version that recorded no erasure or purge events; the tombstones found then are
         * named, which proves only that they were empty at the upgrade.
         */
        UPGRADE("upgrade");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The identifier in the canonical JSON, e.g. {@code erasure}. */
        public String id() {
            return id;
        }
    }

    /**
     * The positions {@code first} to {@code last} of a chain, both included.
     *
     * @param first the first sequence
     * @param last the last sequence, not below {@code first}
     */
    public record Range(long first, long last) {

        /** Checks the bounds. */
        public Range {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("not a range of positions: " + first + " to " + last);
            }
        }

        /**
         * Sequences as sorted, disjoint ranges: {@code 3, 4, 5, 9} gives {@code [3, 5], [9, 9]}.
         *
         * @param positions the sequences, in any order
         * @return the ranges
         */
        public static List<Range> of(Collection<Long> positions) {
            long[] sorted = positions.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            List<Range> ranges = new ArrayList<>();
            int i = 0;
            while (i < sorted.length) {
                int j = i;
                while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                    j++;
                }
                ranges.add(new Range(sorted[i], sorted[j]));
                i = j + 1;
            }
            return List.copyOf(ranges);
        }
    }
}
