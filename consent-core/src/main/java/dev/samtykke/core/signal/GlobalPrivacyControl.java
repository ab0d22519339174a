package dev.samtykke.core.signal;

/**
 * The Global Privacy Control signal (W3C GPC): a browser whose user opts out of the sale and sharing of
 * their data sends the request header {@code Sec-GPC: 1}.
 */
public final class GlobalPrivacyControl {

    /** The request header that carries the signal. */
    public static final String HEADER = "Sec-GPC";

    private GlobalPrivacyControl() {
    }

    /**
     * Whether a {@code Sec-GPC} header value signals the opt-out. The specification defines the field
     * value as exactly {@code 1}; any other value (absent, empty, {@code 0}, {@code true}, {@code 1, 1},
     * {@code 01}) is not a signal. Leading and trailing spaces and tabs are not part of an HTTP field
     * value (RFC 9110 §5.5) and are ignored, as HTTP parsers strip them.
     *
     * @param secGpcHeaderValue the header's value, or {@code null} when the header is absent
     * @return whether the signal is present
     */
    public static boolean isSignalled(String secGpcHeaderValue) {
        if (secGpcHeaderValue == null) {
            return false;
        }
        int start = 0;
        int end = secGpcHeaderValue.length();
        while (start < end && isOws(secGpcHeaderValue.charAt(start))) {
            start++;
        }
        while (end > start && isOws(secGpcHeaderValue.charAt(end - 1))) {
            end--;
        }
        return end - start == 1 && secGpcHeaderValue.charAt(start) == '1';
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
