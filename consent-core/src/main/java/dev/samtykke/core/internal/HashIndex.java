package dev.samtykke.core.internal;

import java.util.Objects;

/**
 * The position of an {@code int} key among a fixed set of distinct keys, found in about one probe of an
 * open-addressing table with no boxing. The consent cookie codec holds one from each purpose's 31-bit
 * cookie hash to the purpose's bit in its {@link GrantLayout}, and looks up every grant entry of every
 * cookie it reads in it. Immutable.
 */
public final class HashIndex {

    /** Open addressing, linear probing: the key of each slot, and its position plus one (0 = empty). */
    private final int[] keys;
    private final int[] positions;

    /**
     * @param keys distinct keys; key {@code i} is found at position {@code i}
     * @throws IllegalArgumentException if a key is given twice
     */
    public HashIndex(int[] keys) {
        Objects.requireNonNull(keys, "keys");
        int size = Integer.highestOneBit(Math.max(1, keys.length) * 2) * 2;
        this.keys = new int[size];
        this.positions = new int[size];
        for (int i = 0; i < keys.length; i++) {
            if (positionOf(keys[i]) >= 0) {
                throw new IllegalArgumentException("key " + keys[i] + " is given twice");
            }
            int slot = keys[i] & (size - 1);
            while (positions[slot] != 0) {
                slot = (slot + 1) & (size - 1);
            }
            this.keys[slot] = keys[i];
            positions[slot] = i + 1;
        }
    }

    /**
     * @param key a key
     * @return its position, or -1 if it is not one of the keys
     */
    public int positionOf(int key) {
        int mask = keys.length - 1;
        for (int slot = key & mask; ; slot = (slot + 1) & mask) {
            int position = positions[slot] - 1;
            if (position < 0 || keys[slot] == key) {
                return position;
            }
        }
    }
}
