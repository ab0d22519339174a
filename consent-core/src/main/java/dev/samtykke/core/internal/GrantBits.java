package dev.samtykke.core.internal;

import java.util.Arrays;

/**
 * Mutable bits for reading grants one purpose at a time, then turning them into an immutable {@link Grants}
 * with {@link GrantLayout#grants(GrantBits)}: what the consent cookie codec keeps per thread so that reading
 * a cookie's grants allocates nothing but, for larger policies, the map itself. Bits 0 to 63 live in two
 * fields; the rest, for layouts of more than 64 purposes, in arrays. Not thread-safe.
 */
public final class GrantBits {

    long covered;
    long granted;
    /** For more than 64 purposes, every word by index (word 0 unused: it is in the fields); otherwise {@code null}. */
    final long[] wideCovered;
    final long[] wideGranted;

    /** @param size the size of the layout these bits are for */
    public GrantBits(int size) {
        int words = (size + Long.SIZE - 1) / Long.SIZE;
        this.wideCovered = words > 1 ? new long[words] : null;
        this.wideGranted = words > 1 ? new long[words] : null;
    }

    /** Clears every bit, for the next reading. */
    public void clear() {
        covered = 0;
        granted = 0;
        if (wideCovered != null) {
            Arrays.fill(wideCovered, 0);
            Arrays.fill(wideGranted, 0);
        }
    }

    /**
     * Records a purpose as decided; a later call for the same bit wins.
     *
     * @param bit the purpose's bit in the layout, at least 0 and below its size
     * @param grant whether it is granted
     */
    public void set(int bit, boolean grant) {
        long mask = 1L << bit; // the shift is taken modulo 64
        if (bit < Long.SIZE) {
            covered |= mask;
            granted = grant ? granted | mask : granted & ~mask;
        } else {
            int word = bit >>> 6;
            wideCovered[word] |= mask;
            wideGranted[word] = grant ? wideGranted[word] | mask : wideGranted[word] & ~mask;
        }
    }
}
