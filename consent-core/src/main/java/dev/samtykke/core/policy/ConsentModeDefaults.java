package dev.samtykke.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a site's Google Consent Mode {@code default} command is written: how long Google tags wait for the
 * banner's {@code update} ({@code wait_for_update}), and the regions the default applies to ({@code region};
 * none means everywhere). Read from the policy's {@code banner.consentMode}.
 *
 * @param waitForUpdateMillis milliseconds tags wait for the update, 0 to {@value #MAX_WAIT_FOR_UPDATE_MILLIS}
 * @param regions ISO 3166-1 alpha-2 country codes or ISO 3166-2 subdivision codes (e.g. {@code NO},
 *        {@code US-CA}), distinct; empty for every region
 */
public record ConsentModeDefaults(int waitForUpdateMillis, List<String> regions) {

    /** The wait when a policy sets none: 500 ms, as Google's examples use. */
    public static final int DEFAULT_WAIT_FOR_UPDATE_MILLIS = 500;
    /** The longest wait a policy may set: tags hold back every hit for this long on a first visit. */
    public static final int MAX_WAIT_FOR_UPDATE_MILLIS = 10_000;
    /** A country (ISO 3166-1 alpha-2) or a subdivision (ISO 3166-2), as gtag's {@code region} takes them. */
    public static final Pattern REGION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    /** 500 ms, every region. */
    public static final ConsentModeDefaults DEFAULT = new ConsentModeDefaults(DEFAULT_WAIT_FOR_UPDATE_MILLIS, List.of());

    /**
     * Creates the settings.
     *
     * @throws IllegalArgumentException if the wait is out of range, or a region is malformed or repeated
     */
    public ConsentModeDefaults {
        if (waitForUpdateMillis < 0 || waitForUpdateMillis > MAX_WAIT_FOR_UPDATE_MILLIS) {
            throw new IllegalArgumentException(waitProblem(waitForUpdateMillis));
        }
        regions = List.copyOf(Objects.requireNonNullElse(regions, List.of()));
        for (int i = 0; i < regions.size(); i++) {
            String problem = regionProblem(regions.get(i), regions.subList(0, i));
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    /** What is wrong with a wait, for the policy validator and the constructor alike. */
    static String waitProblem(long millis) {
        return millis >= 0 && millis <= MAX_WAIT_FOR_UPDATE_MILLIS ? null
                : "wait_for_update must be 0 to " + MAX_WAIT_FOR_UPDATE_MILLIS + " milliseconds, not " + millis;
    }

    /** What is wrong with a region given after {@code earlier}, or {@code null}. */
    static String regionProblem(String region, List<String> earlier) {
        if (region == null || !REGION.matcher(region).matches()) {
            return "invalid region '" + region + "': use an ISO 3166-1 alpha-2 country code such as NO, or an ISO 3166-2"
                    + " subdivision code such as US-CA (upper case)";
        }
        return earlier.contains(region) ? "duplicate region '" + region + "'" : null;
    }
}
