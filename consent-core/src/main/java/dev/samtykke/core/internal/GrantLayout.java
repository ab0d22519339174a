package dev.samtykke.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A fixed set of at most {@value #MAX_PURPOSES} purpose ids whose grants are held as two bit masks:
 * which purposes a decision covers, and which of those it grants. Bit {@code i} stands for the
 * {@code i}-th id of {@link #purposeIds()}, which are sorted.
 *
 * <p>A reader that gets grants as bits, such as the consent cookie codec, makes the grants of each
 * decision with {@link #grants(long, long)}: an immutable map of one small object, with no hashing.
 * {@code ConsentEvaluator} recognises such maps and reads their bits directly instead of looking up
 * each purpose id. The maps behave as any other grants map: they iterate in id order and compare equal
 * to any map with the same entries. Instances are immutable and thread-safe; make one per policy and
 * reuse it.
 */
public final class GrantLayout {

    /** The most purposes a layout holds: the bits of a {@code long}. */
    public static final int MAX_PURPOSES = 64;

    private final IdTable table;
    private final List<String> idList;
    /**
     * For layouts of at most {@value #CACHED_UP_TO} purposes: every grants map, made on first use, by
     * {@code covered << size | granted}, so a small policy's cookie decodes without allocating one. The
     * maps are immutable with final fields, so sharing them through this unsynchronised array is safe.
     */
    private final Masked[] cache;
    private static final int CACHED_UP_TO = 6;

    private GrantLayout(String[] ids) {
        this.table = new IdTable(ids);
        this.idList = List.of(ids);
        this.cache = ids.length <= CACHED_UP_TO ? new Masked[1 << (2 * ids.length)] : null;
    }

    /**
     * A layout of these purpose ids.
     *
     * @param purposeIds distinct, non-null purpose ids, at most {@value #MAX_PURPOSES}, in any order
     * @return the layout, its ids sorted
     * @throws IllegalArgumentException if there are more than {@value #MAX_PURPOSES} ids or an id is repeated
     * @throws NullPointerException if an id is {@code null}
     */
    public static GrantLayout of(Collection<String> purposeIds) {
        String[] ids = purposeIds.toArray(new String[0]);
        if (ids.length > MAX_PURPOSES) {
            throw new IllegalArgumentException("a grant layout holds at most " + MAX_PURPOSES + " purposes, not "
                    + ids.length);
        }
        for (String id : ids) {
            Objects.requireNonNull(id, "a purpose id is null");
        }
        Arrays.sort(ids);
        for (int i = 1; i < ids.length; i++) {
            if (ids[i].equals(ids[i - 1])) {
                throw new IllegalArgumentException("purpose id '" + ids[i] + "' is given twice");
            }
        }
        return new GrantLayout(ids);
    }

    /**
     * The purpose ids, sorted: bit {@code i} of a mask stands for the {@code i}-th.
     *
     * @return an immutable list
     */
    public List<String> purposeIds() {
        return idList;
    }

    /**
     * The bit of a purpose id.
     *
     * @param purposeId a purpose id
     * @return its position in {@link #purposeIds()}, or -1 if the layout does not hold it
     */
    public int bitOf(String purposeId) {
        return table.indexOf(purposeId);
    }

    /**
     * The immutable grants map of these masks.
     *
     * @param covered the purposes decided, granted or not; bits past the layout's size are ignored
     * @param granted the purposes granted; bits outside {@code covered} are ignored
     * @return a map of each covered purpose id to whether it is granted
     */
    public Map<String, Boolean> grants(long covered, long granted) {
        int size = table.ids.length;
        long used = size == MAX_PURPOSES ? -1L : (1L << size) - 1;
        long c = covered & used;
        long g = granted & c;
        if (cache == null) {
            return new Masked(this, c, g);
        }
        int key = (int) (c << size | g);
        Masked grants = cache[key];
        if (grants == null) {
            grants = new Masked(this, c, g);
            cache[key] = grants;
        }
        return grants;
    }

    @Override
    public String toString() {
        return "GrantLayout" + idList;
    }

    /** Grants as two masks over a layout: what the evaluator reads by mask instead of by purpose id. */
    public static final class Masked extends AbstractMap<String, Boolean> {

        final GrantLayout layout;
        final long covered;
        final long granted;

        Masked(GrantLayout layout, long covered, long granted) {
            this.layout = layout;
            this.covered = covered;
            this.granted = granted;
        }

        /** @return the layout whose bits these are */
        public GrantLayout layout() {
            return layout;
        }

        /** @return the purposes decided, granted or not, as bits of the layout */
        public long covered() {
            return covered;
        }

        /** @return the purposes granted, as bits of the layout (within {@link #covered()}) */
        public long granted() {
            return granted;
        }

        @Override
        public Boolean get(Object key) {
            int bit = key instanceof String id ? layout.bitOf(id) : -1;
            if (bit < 0 || (covered & 1L << bit) == 0) {
                return null;
            }
            return (granted & 1L << bit) != 0;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return Long.bitCount(covered);
        }

        @Override
        public Set<Entry<String, Boolean>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Boolean>> iterator() {
                    return new Iterator<>() {
                        private long rest = covered;

                        @Override
                        public boolean hasNext() {
                            return rest != 0;
                        }

                        @Override
                        public Entry<String, Boolean> next() {
                            if (rest == 0) {
                                throw new NoSuchElementException();
                            }
                            int bit = Long.numberOfTrailingZeros(rest);
                            rest &= rest - 1;
                            return new SimpleImmutableEntry<>(layout.table.ids[bit], (granted & 1L << bit) != 0);
                        }
                    };
                }

                @Override
                public int size() {
                    return Long.bitCount(covered);
                }
            };
        }
    }
}
