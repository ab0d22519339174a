package dev.samtykke.servlet.internal;

/**
 * A string that counts the characters read from it and fails once a budget is spent, so that a test
 * bounds the work of a scan by counting, not by the clock, and a runaway scan stops at once.
 */
final class CountingChars implements CharSequence {

    private final String text;
    private final long budget;
    private long reads;

    CountingChars(String text, long budget) {
        this.text = text;
        this.budget = budget;
    }

    long reads() {
        return reads;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (++reads > budget) {
            throw new AssertionError("read more than " + budget + " characters of a " + text.length() + "-character input");
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        reads += end - start;
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
