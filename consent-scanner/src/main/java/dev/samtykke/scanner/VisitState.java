package dev.samtykke.scanner;

/** The consent state a page was visited in, each visit in a fresh browser context of its own. */
public enum VisitState {
    /** Before any decision: the banner is showing. */
    NONE("none"),
    /** After "Reject all" in the site's own banner. */
    REJECTED("rejected"),
    /** After "Accept all" in the site's own banner. */
    ACCEPTED("accepted");

    private final String id;

    VisitState(String id) {
        this.id = id;
    }

    /** The name reports use: {@code none}, {@code rejected} or {@code accepted}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
