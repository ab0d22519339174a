package dev.samtykke.scanner;

/** What a finding says; the ids are part of the report format. */
public enum FindingKind {
    /** A cookie or storage key that matches no declaration. */
    UNDECLARED("undeclared", false),
    /** A declared cookie or storage key of a consent-based service present before any decision. */
    BEFORE_CONSENT("before-consent", false),
    /** The same after "Reject all". */
    AFTER_REJECT("after-reject", false),
    /** A declaration never seen, even after "Accept all", on any crawled page: the policy may be stale. */
    UNUSED("unused", true),
    /** A request, before a decision or after rejection, to a host of a service whose purposes were not granted. */
    REQUEST_BEFORE_CONSENT("request-before-consent", false);

    private final String id;
    private final boolean warning;

    FindingKind(String id, boolean warning) {
        this.id = id;
        this.warning = warning;
    }

    /** The name reports use, e.g. {@code before-consent}. */
    public String id() {
        return id;
    }

    /** Whether findings of this kind are warnings, which do not fail a scan. */
    public boolean warning() {
        return warning;
    }

    @Override
    public String toString() {
        return id;
    }
}
