package dev.samtykke.core.consent;

/**
 * A choice named a purpose the policy does not declare, or one that does not rest on consent and so
 * cannot be granted or refused.
 */
public final class UnknownPurposeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String purposeId;

    /**
     * Creates the exception.
     *
     * @param purposeId the offending purpose id
     * @param message the human-readable explanation
     */
    public UnknownPurposeException(String purposeId, String message) {
        super(message);
        this.purposeId = purposeId;
    }

    /** The purpose id that was not accepted. */
    public String purposeId() {
        return purposeId;
    }
}
