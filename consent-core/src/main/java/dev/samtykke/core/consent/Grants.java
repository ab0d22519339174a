package dev.samtykke.core.consent;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable per-purpose grants of a {@link ConsentDecision}: purpose ids sorted, with their values,
 * in two arrays, and a small open-addressing hash table over them. Iterates in id order like a
 * {@code TreeMap}, compares equal to any map with the same entries, and answers {@link #get(Object)}
 * with one hash probe (ids cache their hash codes), since the evaluator asks it for every purpose on
 * every request.
 */
final class Grants extends AbstractMap<String, Boolean> {

    private static final Grants EMPTY = new Grants(new String[0], new boolean[0]);

    private final String[] ids;
    private final boolean[] granted;
    /** Open addressing, linear probing: position in {@link #ids} plus one, 0 for an empty slot. */
    private final int[] slots;

    private Grants(String[] ids, boolean[] granted) {
        this.ids = ids;
        this.granted = granted;
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

    /**
     * The map itself if it is one of the immutable grants maps (this class, or a {@link GrantLayout}'s),
     * otherwise an immutable copy.
     */
    static Map<String, Boolean> immutable(Map<String, Boolean> map) {
        return map instanceof GrantLayout.Masked ? map : of(map);
    }

    /** The grants of a map: the same instance if it already is one; null keys or values are refused. */
    static Grants of(Map<String, Boolean> map) {
        if (map instanceof Grants grants) {
            return grants;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        String[] ids = map.keySet().toArray(new String[0]);
        for (String id : ids) {
            Objects.requireNonNull(id, "a purpose id in grants is null");
        }
        Arrays.sort(ids);
        boolean[] granted = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            granted[i] = Objects.requireNonNull(map.get(ids[i]), () -> "grants has no value for a purpose id");
        }
        return new Grants(ids, granted);
    }

    private int indexOf(Object key) {
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

    @Override
    public Boolean get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : granted[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public Set<Entry<String, Boolean>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Boolean>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < ids.length;
                    }

                    @Override
                    public Entry<String, Boolean> next() {
                        if (next >= ids.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(ids[i], granted[i]);
                    }
                };
            }

            @Override
            public int size() {
                return ids.length;
            }
        };
    }
}
