package dev.samtykke.servlet.internal;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.ConsentRecordExport;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The paging of {@code GET /consent/records}: reads and checks {@code ?limit=} and {@code ?cursor=}, and
 * reads one page of a subject's records from the ledger with a bounded read.
 *
 * <p>A cursor is the base64url form of the ledger sequence of the last record of the page before; it is
 * opaque to the client and checked strictly (a cursor only ever pages through the requester's own
 * records, so it needs no signature). A page is read as the records from the cursor's record down, one
 * more than the limit: the cursor's record tells whether the page's first record was superseded, the
 * extra one whether there is a next page.
 */
public final class RecordPages {

    /** The page size without {@code ?limit=}. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size. */
    public static final int MAX_LIMIT = 500;
    private static final int CURSOR_LENGTH = 11; // 8 bytes in base64url without padding

    private RecordPages() {
    }

    /**
     * The page size of a request.
     *
     * @param parameter the {@code limit} parameter, or {@code null}
     * @return 1 to {@value #MAX_LIMIT}
     * @throws HttpProblem 400 if it is not a whole number in that range
     */
    public static int limit(String parameter) {
        if (parameter == null) {
            return DEFAULT_LIMIT;
        }
        if (parameter.isEmpty() || parameter.length() > 4 || !parameter.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        int limit = Integer.parseInt(parameter);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    /**
     * The ledger sequence a cursor stands for.
     *
     * @param parameter the {@code cursor} parameter, or {@code null} for the first page
     * @return the sequence of the last record of the page before, or {@link Long#MAX_VALUE} for the first page
     * @throws HttpProblem 400 if it is not a cursor this server wrote
     */
    public static long cursor(String parameter) {
        if (parameter == null) {
            return Long.MAX_VALUE;
        }
        long sequence;
        try {
            if (parameter.length() != CURSOR_LENGTH) {
                throw new IllegalArgumentException("length");
            }
            sequence = ByteBuffer.wrap(Base64.getUrlDecoder().decode(parameter)).getLong();
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw badCursor();
        }
        if (sequence < 0 || sequence == Long.MAX_VALUE || !encode(sequence).equals(parameter)) {
            throw badCursor();
        }
        return sequence;
    }

    /**
     * The cursor of the page after a record.
     *
     * @param sequence the ledger sequence of the last record of a page
     * @return the opaque cursor
     */
    public static String encode(long sequence) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(8).putLong(sequence).array());
    }

    /**
     * Reads one page of a subject's records, newest first.
     *
     * @param ledger the ledger
     * @param subjectId the subject
     * @param limit the page size, from {@link #limit}
     * @param cursor the cursor, from {@link #cursor}
     * @return the page, with the cursor of the next one if there are older records
     */
    public static ConsentRecordExport.Page read(ConsentLedger ledger, String subjectId, int limit, long cursor) {
        boolean first = cursor == Long.MAX_VALUE;
        List<ConsentRecord> read = ledger.historyPage(subjectId, first ? Long.MAX_VALUE : cursor + 1, limit + (first ? 1 : 2));
        int from = 0;
        ConsentRecord newer = null;
        if (!read.isEmpty() && read.get(0).sequence() >= cursor && !first) {
            newer = read.get(0);
            from = 1;
        }
        int to = Math.min(read.size(), from + limit);
        List<ConsentRecord> records = read.subList(from, to);
        String next = read.size() > to && !records.isEmpty() ? encode(records.get(records.size() - 1).sequence()) : null;
        return new ConsentRecordExport.Page(records, newer, limit, next);
    }

    private static HttpProblem badCursor() {
        return HttpProblem.badRequest("cursor is not one this server gave; start again without it");
    }
}
