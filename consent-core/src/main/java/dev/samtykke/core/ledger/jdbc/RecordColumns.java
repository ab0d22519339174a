package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.PolicyVersion;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of {@code <prefix>ledger_record} that hold a {@link ConsentRecord}, in one place: their names, their order,
 * how a record is bound to them and read back. Every statement on the record table takes its column list, its
 * placeholders and its "clear the content" assignment from here. The table's one further column, {@code erased_at},
 * is set when a record becomes a tombstone ({@link #clearContent()}).
 */
enum RecordColumns {
    SHARD("shard", Kind.CHAIN, (d, ps, i, r) -> ps.setInt(i, r.shard())),
    SEQ("seq", Kind.CHAIN, (d, ps, i, r) -> ps.setLong(i, r.sequence())),
    RECORD_ID("record_id", Kind.CHAIN, (d, ps, i, r) -> ps.setString(i, r.recordId())),
    SUBJECT_ID("subject_id", Kind.SUBJECT, (d, ps, i, r) -> ps.setString(i, r.subjectId())),
    POLICY_ID("policy_id", Kind.CONTENT, (d, ps, i, r) -> ps.setString(i, r.policyId())),
    POLICY_VERSION("policy_version", Kind.CONTENT, (d, ps, i, r) -> ps.setString(i, r.policyVersion().toString())),
    GRANTS("grants", Kind.CONTENT, (d, ps, i, r) -> ps.setString(i, LedgerChain.grantsJson(r.grants()))),
    METHOD("method", Kind.CONTENT, (d, ps, i, r) -> ps.setString(i, r.method().id())),
    DECIDED_AT("decided_at", Kind.CONTENT, (d, ps, i, r) -> ps.setObject(i, d.time(r.decidedAt()))),
    EXPIRES_AT("expires_at", Kind.CHAIN, (d, ps, i, r) -> ps.setObject(i, d.time(r.expiresAt()))),
    LOCALE("locale", Kind.CONTENT, (d, ps, i, r) -> ps.setString(i, r.locale())),
    COLLECTION_POINT("collection_point", Kind.CONTENT, (d, ps, i, r) -> ps.setString(i, r.collectionPoint())),
    NOTICE_HASH("notice_hash", Kind.CONTENT, (d, ps, i, r) -> ps.setString(i, r.noticeHash())),
    RECORDED_AT("recorded_at", Kind.CHAIN, (d, ps, i, r) -> ps.setObject(i, d.time(r.recordedAt()))),
    CONTENT_HASH("content_hash", Kind.CHAIN, (d, ps, i, r) -> ps.setString(i, LedgerChain.contentHash(r))),
    PREVIOUS_HASH("previous_hash", Kind.CHAIN, (d, ps, i, r) -> ps.setString(i, r.previousHash())),
    RECORD_HASH("record_hash", Kind.CHAIN, (d, ps, i, r) -> ps.setString(i, r.hash()));

    /** The column a tombstone gets its time of erasure in; not part of a record. */
    static final String ERASED_AT = "erased_at";

    /** Every column, comma-separated in order: the list of each {@code SELECT} and the {@code INSERT}. */
    static final String LIST = Arrays.stream(values()).map(c -> c.sql).collect(Collectors.joining(", "));

    /** The columns a tombstone holds no value in, besides {@code subject_id}: a value in one is content left behind. */
    static final List<String> CONTENT = Arrays.stream(values()).filter(c -> c.kind == Kind.CONTENT).map(c -> c.sql).toList();

    /** What a column holds: the chain's own data (kept by a tombstone), the subject, or the decision's content. */
    private enum Kind { CHAIN, SUBJECT, CONTENT }

    @FunctionalInterface
    private interface Binder {
        void bind(SqlDialect dialect, PreparedStatement ps, int index, ConsentRecord r) throws SQLException;
    }

    /** The column's name in SQL. */
    final String sql;
    private final Kind kind;
    private final Binder binder;

    RecordColumns(String sql, Kind kind, Binder binder) {
        this.sql = sql;
        this.kind = kind;
        this.binder = binder;
    }

    /** {@code INSERT INTO <table> (<every column>) VALUES (?, ...)}, to be bound with {@link #bind}. */
    static String insert(String table) {
        return "INSERT INTO " + table + " (" + LIST + ") VALUES ("
                + Arrays.stream(values()).map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** {@code SELECT <every column> FROM <table>}, its rows to be read with {@link #read}. */
    static String select(String table) {
        return "SELECT " + LIST + " FROM " + table;
    }

    /**
     * The assignments that turn a row into a tombstone: subject and content set to {@code NULL}, {@code erased_at} to a
     * parameter, the first one of the statement.
     */
    static String clearContent() {
        return Arrays.stream(values()).filter(c -> c.kind != Kind.CHAIN).map(c -> c.sql + " = NULL")
                .collect(Collectors.joining(", ")) + ", " + ERASED_AT + " = ?";
    }

    /** Binds a record to the parameters 1 to 17 of an {@link #insert} statement, its instants as the dialect stores them. */
    static void bind(SqlDialect dialect, PreparedStatement ps, ConsentRecord r) throws SQLException {
        RecordColumns[] columns = values();
        for (int i = 0; i < columns.length; i++) {
            columns[i].binder.bind(dialect, ps, i + 1, r);
        }
    }

    /** The record in the current row of a result holding every column. */
    static ConsentRecord read(SqlDialect d, ResultSet rs) throws SQLException {
        String method = rs.getString(METHOD.sql);
        return new ConsentRecord(rs.getString(RECORD_ID.sql), rs.getString(SUBJECT_ID.sql), rs.getString(POLICY_ID.sql),
                PolicyVersion.parse(rs.getString(POLICY_VERSION.sql)), LedgerChain.parseGrants(rs.getString(GRANTS.sql)),
                ConsentMethod.fromId(method).orElseThrow(() -> new SQLException("unknown consent method '" + method + "' in the ledger")),
                d.instant(rs, DECIDED_AT.sql), d.instant(rs, EXPIRES_AT.sql), rs.getString(LOCALE.sql), rs.getString(COLLECTION_POINT.sql),
                rs.getString(NOTICE_HASH.sql), d.instant(rs, RECORDED_AT.sql), rs.getInt(SHARD.sql), rs.getLong(SEQ.sql),
                rs.getString(PREVIOUS_HASH.sql), rs.getString(RECORD_HASH.sql));
    }

    /**
     * The chain entry in the current row, for verification: a tombstone (saying whether content was left in it), a
     * record, or, when its content cannot even be read, an entry whose hashes cannot match (it was tampered with).
     */
    static ChainEntry readEntry(SqlDialect d, ResultSet rs) throws SQLException {
        int shard = rs.getInt(SHARD.sql);
        long seq = rs.getLong(SEQ.sql);
        String recordId = rs.getString(RECORD_ID.sql);
        String contentHash = rs.getString(CONTENT_HASH.sql);
        String previousHash = rs.getString(PREVIOUS_HASH.sql);
        String hash = rs.getString(RECORD_HASH.sql);
        Instant recordedAt = d.instant(rs, RECORDED_AT.sql);
        if (rs.getString(SUBJECT_ID.sql) == null) {
            return new ChainEntry(shard, seq, recordId, contentHash, previousHash, hash, recordedAt, null, null, hasContent(rs));
        }
        try {
            return new ChainEntry(shard, seq, recordId, contentHash, previousHash, hash, recordedAt, read(d, rs));
        } catch (SQLException | RuntimeException unreadable) {
            return new ChainEntry(shard, seq, recordId, "unreadable content", previousHash, hash, recordedAt, null);
        }
    }

    /** Whether any {@link #CONTENT} column of the current row holds a value. */
    static boolean hasContent(ResultSet rs) throws SQLException {
        for (String column : CONTENT) {
            if (rs.getObject(column) != null) {
                return true;
            }
        }
        return false;
    }
}
