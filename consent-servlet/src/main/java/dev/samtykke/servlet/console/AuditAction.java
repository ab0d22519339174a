package dev.samtykke.servlet.console;

/** What a console user did, as the audit trail names it. */
public enum AuditAction {
    /** Looked up a visitor's records by consent id. */
    LOOKUP("look-up"),
    /** Exported a visitor's records. */
    EXPORT("export"),
    /** Erased a visitor's records. */
    ERASURE("erasure"),
    /** Started a verification of the ledger (and, as a second entry, its result). */
    VERIFICATION("verification");

    private final String id;

    AuditAction(String id) {
        this.id = id;
    }

    /**
     * The name in the API's JSON.
     *
     * @return e.g. {@code look-up}
     */
    public String id() {
        return id;
    }
}
