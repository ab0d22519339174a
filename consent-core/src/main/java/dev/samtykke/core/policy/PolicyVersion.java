package dev.samtykke.core.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy version {@code MAJOR.MINOR}. A MAJOR change invalidates earlier decisions; a MINOR
 * change keeps them (purposes the decision does not cover are asked for again).
 *
 * @param major the major number, at least 0
 * @param minor the minor number, at least 0
 */
public record PolicyVersion(int major, int minor) implements Comparable<PolicyVersion> {

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

    /** Creates a version; see {@link #parse(String)} for text. */
    public PolicyVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version numbers must not be negative: " + major + "." + minor);
        }
    }

    /**
     * Parses {@code MAJOR.MINOR}, e.g. {@code 2.1}.
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static PolicyVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("version is missing");
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed version '" + text + "', expected MAJOR.MINOR such as 1.0");
        }
        return new PolicyVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether the text is a well-formed {@code MAJOR.MINOR} version. */
    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** The next major version, {@code (major+1).0}. */
    public PolicyVersion nextMajor() {
        return new PolicyVersion(major + 1, 0);
    }

    /** The next minor version, {@code major.(minor+1)}. */
    public PolicyVersion nextMinor() {
        return new PolicyVersion(major, minor + 1);
    }

    @Override
    public int compareTo(PolicyVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
