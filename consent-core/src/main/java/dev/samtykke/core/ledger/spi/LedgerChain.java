package dev.samtykke.core.ledger.spi;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.NewConsentRecord;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's hashing and sharding rules, shared by every {@link dev.samtykke.core.ledger.ConsentLedger}
 * implementation so that they all store, hash and verify records alike.
 *
 * <ul>
 *   <li>A subject belongs to shard {@link #shardOf(String, int)}; each shard is one hash chain whose
 *       sequence starts at 1 and whose first record links to {@link #GENESIS_HASH} (or, after a purge, to the
 *       shard's checkpoint).</li>
 *   <li>A record's <em>content hash</em> ({@link #contentHash(ConsentRecord)}) is the SHA-256 of a canonical
 *       JSON array of the format tag {@value #RECORD_FORMAT}, record id, subject id, policy id and version,
 *       the grants (keys sorted), method, decided-at, expires-at, locale, collection point, notice hash and
 *       recorded-at.</li>
 *   <li>Its <em>hash</em> ({@link #chainHash}) is the SHA-256 of
 *       {@code "samtykke-chain-v1|" + shard + "|" + sequence + "|" + recordId + "|" + contentHash + "|" + previousHash}.
 *       A tombstone keeps record id, content hash, previous hash and hash, so the chain survives erasure.</li>
 *   <li>An erasure, purge or eviction is an {@link LedgerEvent event} with a place in the chain of its own, hashed
 *       the same way from its id and the SHA-256 of its canonical JSON ({@link #sealEvent}); it names the positions
 *       it emptied, so that a tombstone no event names shows as forged.</li>
 * </ul>
 * All hashes are 64 lower-case hex characters.
 */
public final class LedgerChain {

    /** The longest subject id a ledger accepts. */
    public static final int MAX_SUBJECT_ID_LENGTH = 128;
    /** The hash the first record of every shard links to. */
    public static final String GENESIS_HASH = "0".repeat(64);
    /** The format tag at the head of every record's canonical content. */
    public static final String RECORD_FORMAT = "samtykke-record-v1";
    /** The default number of shards (chains) of a ledger. */
    public static final int DEFAULT_SHARDS = 16;
    /** The most shards a ledger may have. */
    public static final int MAX_SHARDS = 4096;

    private static final String CHAIN_FORMAT = "samtykke-chain-v1";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Boolean>> GRANTS = new TypeReference<>() {
    };

    private LedgerChain() {
    }

    /**
     * Checks a subject id: present, not blank, at most {@value #MAX_SUBJECT_ID_LENGTH} characters of visible ASCII.
     *
     * @param subjectId the id
     * @return the id
     * @throws IllegalArgumentException if it is not acceptable
     */
    public static String requireSubjectId(String subjectId) {
        if (subjectId == null) {
            throw new IllegalArgumentException("subject id is missing");
        }
        if (subjectId.isBlank()) {
            throw new IllegalArgumentException("subject id is blank");
        }
        if (subjectId.length() > MAX_SUBJECT_ID_LENGTH) {
            throw new IllegalArgumentException("subject id is longer than " + MAX_SUBJECT_ID_LENGTH + " characters");
        }
        for (int i = 0; i < subjectId.length(); i++) {
            char c = subjectId.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("subject id must be visible ASCII without spaces");
            }
        }
        return subjectId;
    }

    /**
     * Checks a shard count.
     *
     * @param shards the count
     * @return the count
     * @throws IllegalArgumentException unless 1 to {@value #MAX_SHARDS}
     */
    public static int requireShards(int shards) {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("shards must be 1 to " + MAX_SHARDS + ", got " + shards);
        }
        return shards;
    }

    /**
     * The shard of a subject: {@code String.hashCode} (specified by the JDK, so stable everywhere) mixed by a
     * multiplicative hash, modulo the shard count.
     *
     * @param subjectId a valid subject id
     * @param shards the number of shards
     * @return the shard, 0 to {@code shards - 1}
     */
    public static int shardOf(String subjectId, int shards) {
        int h = subjectId.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), shards);
    }

    /**
     * An instant as stored: truncated to the microsecond.
     *
     * @param instant the instant
     * @return the truncated instant
     */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Seals a new record into the chain: gives it its id, time, place and hashes.
     *
     * @param record the record to store
     * @param recordId its new id
     * @param recordedAt when it is stored
     * @param shard its shard (must be {@link #shardOf} its subject)
     * @param sequence its position, one after the shard's head
     * @param previousHash the shard head's hash
     * @return the stored record
     */
    public static ConsentRecord seal(NewConsentRecord record, String recordId, Instant recordedAt, int shard, long sequence,
                                     String previousHash) {
        var d = record.decision();
        ConsentRecord unsealed = new ConsentRecord(recordId, d.subjectId(), d.policyId(), d.policyVersion(), d.grants(),
                d.method(), stored(d.decidedAt()), stored(d.expiresAt()), record.locale(), record.collectionPoint(),
                record.noticeHash(), stored(recordedAt), shard, sequence, previousHash, GENESIS_HASH);
        String contentHash = contentHash(unsealed);
        return new ConsentRecord(recordId, d.subjectId(), d.policyId(), d.policyVersion(), d.grants(), d.method(),
                unsealed.decidedAt(), unsealed.expiresAt(), record.locale(), record.collectionPoint(), record.noticeHash(),
                unsealed.recordedAt(), shard, sequence, previousHash, chainHash(shard, sequence, recordId, contentHash, previousHash));
    }

    /**
     * Seals an erasure, purge or eviction event into the chain: gives it its place and hashes.
     *
     * @param event the event
     * @param eventId its new id (a UUID)
     * @param shard its shard
     * @param sequence its position, one after the shard's head
     * @param previousHash the shard head's hash
     * @return the stored entry, recorded at the event's time
     */
    public static ChainEntry sealEvent(LedgerEvent event, String eventId, int shard, long sequence, String previousHash) {
        String contentHash = event.contentHash();
        return new ChainEntry(shard, sequence, eventId, contentHash, previousHash,
                chainHash(shard, sequence, eventId, contentHash, previousHash), event.at(), null, event, false);
    }

    /**
     * The SHA-256 of a record's canonical content (everything but its place in the chain).
     *
     * @param r the record
     * @return 64 hex characters
     */
    public static String contentHash(ConsentRecord r) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartArray();
            g.writeString(RECORD_FORMAT);
            g.writeString(r.recordId());
            g.writeString(r.subjectId());
            g.writeString(r.policyId());
            g.writeString(r.policyVersion().toString());
            writeGrants(g, r.grants());
            g.writeString(r.method().id());
            g.writeString(r.decidedAt().toString());
            g.writeString(r.expiresAt().toString());
            g.writeString(r.locale());
            g.writeString(r.collectionPoint());
            g.writeString(r.noticeHash());
            g.writeString(r.recordedAt().toString());
            g.writeEndArray();
        }
        return sha256Hex(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The hash that places a record in its chain.
     *
     * @param shard the shard
     * @param sequence the position in the shard
     * @param recordId the record id
     * @param contentHash the content hash
     * @param previousHash the hash of the record before it (or the checkpoint)
     * @return 64 hex characters
     */
    public static String chainHash(int shard, long sequence, String recordId, String contentHash, String previousHash) {
        String text = CHAIN_FORMAT + "|" + shard + "|" + sequence + "|" + recordId + "|" + contentHash + "|" + previousHash;
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The anchor of a ledger: the SHA-256 over every shard's head, in shard order.
     *
     * @param headSequences each shard's head sequence, indexed by shard
     * @param headHashes each shard's head hash, indexed by shard
     * @return 64 hex characters
     */
    public static String anchor(long[] headSequences, String[] headHashes) {
        StringBuilder text = new StringBuilder("samtykke-anchor-v1");
        for (int i = 0; i < headSequences.length; i++) {
            text.append('|').append(i).append(':').append(headSequences[i]).append(':').append(headHashes[i]);
        }
        return sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Grants as canonical JSON, keys sorted: {@code {"analytics":true,"marketing":false}}.
     *
     * @param grants the grants
     * @return the JSON text
     */
    public static String grantsJson(Map<String, Boolean> grants) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            writeGrants(g, grants);
        }
        return out.toString();
    }

    /**
     * Reads grants written by {@link #grantsJson}.
     *
     * @param json the JSON text
     * @return the grants, keys sorted
     * @throws IllegalArgumentException if the text is not such an object
     */
    public static Map<String, Boolean> parseGrants(String json) {
        try {
            return MAPPER.readValue(json, GRANTS);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("stored grants are not a JSON object of booleans", e);
        }
    }

    private static void writeGrants(JsonGenerator g, Map<String, Boolean> grants) {
        g.writeStartObject();
        for (Map.Entry<String, Boolean> e : new TreeMap<>(grants).entrySet()) {
            g.writeBooleanProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /**
     * The hex SHA-256 of some bytes.
     *
     * @param bytes the bytes
     * @return 64 lower-case hex characters
     */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
