package dev.samtykke.core.diff;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyVersion;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The differences between two versions of a policy, each classified by what it does to consent
 * already given, and the version bump they require.
 *
 * <pre>{@code
 * PolicyDiff diff = PolicyDiff.between(oldPolicy, newPolicy);
 * diff.differences().forEach(System.out::println);
 * diff.requireSufficientBump();   // throws VersionBumpException if 1.0 -> 1.1 carries a MAJOR change
 * }</pre>
 *
 * <p>A change is {@link ChangeLevel#MAJOR} when a grant given under the old file would cover more
 * than the visitor agreed to (see {@link DiffRule}); anything else is {@link ChangeLevel#MINOR}. MAJOR
 * needs {@code (major+1).0} or later, MINOR at least {@code major.(minor+1)}, and only a policy with no
 * difference may keep its version. A version never goes down.
 *
 * @param policyId the id of the new policy
 * @param oldVersion the old policy's version
 * @param newVersion the new policy's version
 * @param differences every difference, in file order (policy, purposes, services, processors, …)
 */
public record PolicyDiff(String policyId, PolicyVersion oldVersion, PolicyVersion newVersion,
                         List<PolicyDifference> differences) {

    /**
     * Checks and copies the parts.
     *
     * @param policyId the id of the new policy
     * @param oldVersion the old version
     * @param newVersion the new version
     * @param differences the differences
     */
    public PolicyDiff {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(oldVersion, "oldVersion");
        Objects.requireNonNull(newVersion, "newVersion");
        differences = List.copyOf(differences);
    }

    /**
     * Compares two versions of a policy.
     *
     * @param oldPolicy the version in force
     * @param newPolicy the version to replace it
     * @return the differences and the version check
     */
    public static PolicyDiff between(ConsentPolicy oldPolicy, ConsentPolicy newPolicy) {
        Objects.requireNonNull(oldPolicy, "oldPolicy");
        Objects.requireNonNull(newPolicy, "newPolicy");
        return new PolicyDiff(newPolicy.id(), oldPolicy.version(), newPolicy.version(),
                new PolicyDiffer(oldPolicy, newPolicy).differences());
    }

    /**
     * Whether anything but the version differs.
     *
     * @return true if there is at least one difference
     */
    public boolean hasChanges() {
        return !differences.isEmpty();
    }

    /**
     * The highest level among the differences.
     *
     * @return {@link ChangeLevel#NONE} if there is no difference
     */
    public ChangeLevel level() {
        return differences.stream().map(PolicyDifference::level).max(Comparator.naturalOrder()).orElse(ChangeLevel.NONE);
    }

    /**
     * The differences of one level.
     *
     * @param level the level
     * @return those differences, in order
     */
    public List<PolicyDifference> differences(ChangeLevel level) {
        return differences.stream().filter(d -> d.level() == level).toList();
    }

    /**
     * The lowest version the new policy may have: the old one for no change, the next minor
     * version for a MINOR change, the next major version for a MAJOR one.
     *
     * @return the minimum version
     */
    public PolicyVersion requiredVersion() {
        return switch (level()) {
            case NONE -> oldVersion;
            case MINOR -> oldVersion.nextMinor();
            case MAJOR -> oldVersion.nextMajor();
        };
    }

    /**
     * Whether the new version is at least {@link #requiredVersion()}.
     *
     * @return true if the version is bumped far enough
     */
    public boolean isBumpSufficient() {
        return newVersion.compareTo(requiredVersion()) >= 0;
    }

    /**
     * The outcome of the version check in one sentence, e.g.
     * {@code "MAJOR change: needs version 2.0 or later, found 1.1"}.
     *
     * @return the message
     */
    public String versionCheckMessage() {
        ChangeLevel level = level();
        if (isBumpSufficient()) {
            return level == ChangeLevel.NONE
                    ? "no change: version " + newVersion + " is fine (" + oldVersion + " may stay)"
                    : level + " change: version " + newVersion + " is fine (needs " + requiredVersion() + " or later)";
        }
        if (level == ChangeLevel.NONE) {
            return "version went down from " + oldVersion + " to " + newVersion;
        }
        return level + " change: needs version " + requiredVersion() + " or later, found " + newVersion;
    }

    /**
     * Fails if the version is not bumped far enough.
     *
     * @return this diff, when the version is fine
     * @throws VersionBumpException if the new version is lower than {@link #requiredVersion()}
     */
    public PolicyDiff requireSufficientBump() {
        if (!isBumpSufficient()) {
            throw new VersionBumpException(this);
        }
        return this;
    }
}
