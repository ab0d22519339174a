package dev.samtykke.core.internal;

/**
 * Sorted, distinct purpose ids and a small open-addressing hash table over them, which finds an id's
 * position in about one probe (ids cache their hash codes): how a {@link GrantLayout} finds a purpose's
 * bit. Immutable.
 */
final class IdTable {

    final String[] ids;
    /** Open addressing, linear probing: position in {@link #ids} plus one, 0 for an empty slot. */
    private final int[] slots;

    /** @param ids sorted, distinct, non-null ids; kept, not copied */
    IdTable(String[] ids) {
        this.ids = ids;
        this.slots = new int[Integer.highestOneBit(Math.max(1, ids.length) * 2) * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < ids.length; i++) {
            int slot = spread(ids[i].hashCode()) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** The position of an id, or -1 if the key is not one of the ids (or not a string). */
    int indexOf(Object key) {
        if (!(key instanceof String id)) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int slot = spread(id.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int i = slots[slot] - 1;
            if (i < 0 || ids[i].equals(id)) {
                return i;
            }
        }
    }
}
