package dev.samtykke.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable per-purpose grants of a {@code ConsentDecision} read from a map (not from bits): purpose ids sorted, with their values,
 * in two arrays, and a small open-addressing hash table over them. Iterates in id order like a
 * {@code TreeMap}, compares equal to any map with the same entries, and answers {@link #get(Object)}
 * with one hash probe (ids cache their hash codes), since the evaluator asks it for every purpose on
 * every request.
 */
public final class Grants extends AbstractMap<String, Boolean> {

    private static final Grants EMPTY = new Grants(new String[0], new boolean[0]);

    private final boolean[] granted;
    private final IdTable table;

    private Grants(String[] ids, boolean[] granted) {
        this.granted = granted;
        this.table = new IdTable(ids);
    }

    /**
     * The map itself if it is one of the immutable grants maps (this class, or a {@link GrantLayout}'s),
     * otherwise an immutable copy.
     */
    public static Map<String, Boolean> immutable(Map<String, Boolean> map) {
        return map instanceof GrantLayout.Masked ? map : of(map);
    }

    /** The grants of a map: the same instance if it already is one; null keys or values are refused. */
    public static Grants of(Map<String, Boolean> map) {
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

    @Override
    public Boolean get(Object key) {
        int i = table.indexOf(key);
        return i < 0 ? null : granted[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return table.indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return table.ids.length;
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
                        return next < table.ids.length;
                    }

                    @Override
                    public Entry<String, Boolean> next() {
                        if (next >= table.ids.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(table.ids[i], granted[i]);
                    }
                };
            }

            @Override
            public int size() {
                return table.ids.length;
            }
        };
    }
}
