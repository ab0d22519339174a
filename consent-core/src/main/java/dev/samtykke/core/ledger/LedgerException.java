package dev.samtykke.core.ledger;

/**
 * A consent ledger could not do what was asked: its store is unreachable, a transaction failed, or
 * stored data could not be read. Unchecked, so that callers decide where a ledger failure matters:
 * consent evaluation never depends on the ledger being up.
 *
 * <p>When an append throws this, nothing of the record was written.
 */
public class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A ledger failure.
     *
     * @param message what failed, without personal data
     */
    public LedgerException(String message) {
        super(message);
    }

    /**
     * A ledger failure caused by another exception (typically a {@link java.sql.SQLException}).
     *
     * @param message what failed, without personal data
     * @param cause the underlying failure
     */
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
