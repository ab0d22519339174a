package dev.samtykke.servlet.internal;

/**
 * ASCII-only case folding, as browsers compare cookie attribute names and month names: unlike
 * {@link String#equalsIgnoreCase}, a dotless {@code ı} is not an {@code i} and a long {@code ſ} not an {@code s}.
 */
final class Ascii {

    private Ascii() {
    }

    /** The character with {@code A}–{@code Z} lowered; every other character unchanged. */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Whether {@code text[from, to)} is {@code lowerCase} ignoring ASCII case.
     *
     * @param lowerCase lower-case ASCII
     */
    static boolean equalsIgnoreCase(CharSequence text, int from, int to, String lowerCase) {
        if (to - from != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            if (lower(text.charAt(from + i)) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
