package dev.samtykke.core.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A fixed set of purpose ids, sorted, each with its bit: bit {@code i} stands for the {@code i}-th id of
 * {@link #purposeIds()}. Every {@link Grants} map is a set of bits over a layout, so that whoever reads
 * grants by purpose (the evaluator, on every request) looks each purpose's bit up once per layout, not
 * once per request.
 *
 * <p>Layouts are interned: {@link #of(Collection)} returns the instance made last for the same ids while it
 * is among the {@value #INTERNED} kept, so the cookie codec's layout and the layout of a decision made
 * from a map of the same purposes are usually one object. Instances are immutable and thread-safe.
 */
public final class GrantLayout {

    /** How many layouts {@link #of(Collection)} keeps for reuse, by hash of their ids. */
    static final int INTERNED = 32;
    /** Recently made layouts; a benign race, as layouts are immutable with final fields. */
    private static final GrantLayout[] RECENT = new GrantLayout[INTERNED];
    /**
     * Layouts of at most this many purposes keep every grants map they make (by {@code covered << size | granted}),
     * so a small policy's cookie decodes without allocating one.
     */
    private static final int CACHED_UP_TO = 6;

    final IdTable table;
    private final List<String> idList;
    /** Every grants map of a small layout, made on first use; shared through this unsynchronised array, safe as above. */
    private final Grants[] cache;
    private final Grants empty;

    private GrantLayout(String[] ids) {
        this.table = new IdTable(ids);
        this.idList = List.of(ids);
        this.cache = ids.length <= CACHED_UP_TO ? new Grants[1 << (2 * ids.length)] : null;
        this.empty = new Grants(this, 0, 0, null, null);
    }

    /**
     * The layout of these purpose ids.
     *
     * @param purposeIds distinct, non-null purpose ids, in any order and any number
     * @return the layout, its ids sorted
     * @throws IllegalArgumentException if an id is repeated
     * @throws NullPointerException if an id is {@code null}
     */
    public static GrantLayout of(Collection<String> purposeIds) {
        String[] ids = purposeIds.toArray(new String[0]);
        for (String id : ids) {
            Objects.requireNonNull(id, "a purpose id is null");
        }
        Arrays.sort(ids);
        for (int i = 1; i < ids.length; i++) {
            if (ids[i].equals(ids[i - 1])) {
                throw new IllegalArgumentException("purpose id '" + ids[i] + "' is given twice");
            }
        }
        return interned(ids);
    }

    /** The layout of sorted, distinct, non-null ids (kept, not copied): a recent one with the same ids, or a new one. */
    static GrantLayout interned(String[] sortedIds) {
        int slot = Arrays.hashCode(sortedIds) & (INTERNED - 1);
        GrantLayout known = RECENT[slot];
        if (known != null && Arrays.equals(known.table.ids, sortedIds)) {
            return known;
        }
        GrantLayout made = new GrantLayout(sortedIds);
        RECENT[slot] = made;
        return made;
    }

    /**
     * The purpose ids, sorted: bit {@code i} stands for the {@code i}-th.
     *
     * @return an immutable list
     */
    public List<String> purposeIds() {
        return idList;
    }

    /** @return how many purpose ids the layout holds */
    public int size() {
        return table.ids.length;
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
     * The grants of these masks, for a layout of at most 64 purposes.
     *
     * @param covered the purposes decided, granted or not; bits past the layout's size are ignored
     * @param granted the purposes granted; bits outside {@code covered} are ignored
     * @return a map of each covered purpose id to whether it is granted
     * @throws IllegalStateException if the layout holds more than 64 purposes (use {@link #grants(GrantBits)})
     */
    public Grants grants(long covered, long granted) {
        int size = size();
        if (size > Long.SIZE) {
            throw new IllegalStateException("a layout of " + size + " purposes needs GrantBits, not one long");
        }
        long used = size == Long.SIZE ? -1L : (1L << size) - 1;
        long c = covered & used;
        long g = granted & c;
        if (c == 0) {
            return empty;
        }
        if (cache == null) {
            return new Grants(this, c, g, null, null);
        }
        int key = (int) (c << size | g);
        Grants grants = cache[key];
        if (grants == null) {
            grants = new Grants(this, c, g, null, null);
            cache[key] = grants;
        }
        return grants;
    }

    /**
     * The grants set in these bits, which stay the caller's to reuse.
     *
     * @param bits bits made for this layout ({@link GrantBits#GrantBits(int)} with {@link #size()})
     * @return a map of each covered purpose id to whether it is granted
     */
    public Grants grants(GrantBits bits) {
        if (size() <= Long.SIZE) {
            return grants(bits.covered, bits.granted);
        }
        long[] covered = bits.wideCovered.clone();
        long[] granted = bits.wideGranted.clone();
        covered[0] = bits.covered;
        granted[0] = bits.granted & bits.covered;
        for (int w = 1; w < granted.length; w++) {
            granted[w] &= covered[w];
        }
        return new Grants(this, covered[0], granted[0], covered, granted);
    }

    @Override
    public String toString() {
        return "GrantLayout" + idList;
    }
}
