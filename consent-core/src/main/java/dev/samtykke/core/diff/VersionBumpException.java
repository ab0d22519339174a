package dev.samtykke.core.diff;

/** The new policy's version is not bumped as far as its changes require; {@link #diff()} has the details. */
public final class VersionBumpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient PolicyDiff diff;

    /**
     * @param diff the comparison whose version check failed
     */
    public VersionBumpException(PolicyDiff diff) {
        super(diff.versionCheckMessage());
        this.diff = diff;
    }

    /**
     * The comparison whose version check failed.
     *
     * @return the diff
     */
    public PolicyDiff diff() {
        return diff;
    }
}
