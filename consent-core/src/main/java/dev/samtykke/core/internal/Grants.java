package dev.samtykke.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The one form of a {@code ConsentDecision}'s grants: two bit sets over a {@link GrantLayout}, which
 * purposes the decision covers and which of those it grants. Whatever map a decision is made with is
 * turned into this ({@link #of(Map)}), and the cookie codec reads cookies straight into it, so the
 * evaluator reads grants one way: by bit ({@link #stateOf(int)}), with each purpose's bit looked up once per
 * layout instead of a hash look-up per purpose and request.
 *
 * <p>As a map it is immutable, iterates in id order like a {@code TreeMap} and compares equal to any map
 * with the same entries. Bits 0 to 63 are held in two fields; only layouts of more than 64 purposes use
 * arrays.
 */
public final class Grants extends AbstractMap<String, Boolean> {

    /** What {@link #stateOf(int)} answers for a purpose the grants do not cover. */
    public static final int NOT_COVERED = 0;
    /** What {@link #stateOf(int)} answers for a purpose refused. */
    public static final int REFUSED = 1;
    /** What {@link #stateOf(int)} answers for a purpose granted. */
    public static final int GRANTED = 3;

    /** No grants at all: what the evaluator reads when there is no decision that counts. */
    public static final Grants NONE = GrantLayout.of(List.of()).grants(0, 0);

    private final GrantLayout layout;
    private final long covered;
    private final long granted;
    /** Every word (word 0 repeats the fields) when the layout holds more than 64 purposes; otherwise {@code null}. */
    private final long[] wideCovered;
    private final long[] wideGranted;

    /** Made by {@link GrantLayout}: the masks are within the layout and {@code granted} within {@code covered}. */
    Grants(GrantLayout layout, long covered, long granted, long[] wideCovered, long[] wideGranted) {
        this.layout = layout;
        this.covered = covered;
        this.granted = granted;
        this.wideCovered = wideCovered;
        this.wideGranted = wideGranted;
    }

    /**
     * The grants of a map: the same instance if it already is one, otherwise its entries as bits over the
     * layout of its own keys.
     *
     * @param map purpose ids to whether they are granted
     * @return the grants
     * @throws NullPointerException if an id or a value is {@code null}
     */
    public static Grants of(Map<String, Boolean> map) {
        if (map instanceof Grants grants) {
            return grants;
        }
        String[] ids = map.keySet().toArray(new String[0]);
        for (String id : ids) {
            Objects.requireNonNull(id, "a purpose id in grants is null");
        }
        Arrays.sort(ids);
        GrantLayout layout = GrantLayout.interned(ids);
        GrantBits bits = new GrantBits(ids.length);
        for (int bit = 0; bit < ids.length; bit++) {
            Boolean value = Objects.requireNonNull(map.get(ids[bit]), "grants has no value for a purpose id");
            bits.set(bit, value);
        }
        return layout.grants(bits);
    }

    /** @return the layout whose bits these are */
    public GrantLayout layout() {
        return layout;
    }

    /**
     * The state of the purpose at a bit of the {@link #layout()}: {@link #NOT_COVERED}, {@link #REFUSED} or
     * {@link #GRANTED}. One call, a few instructions for layouts of up to 64 purposes: what the evaluator
     * asks for every consent-based purpose on every request.
     *
     * @param bit the purpose's bit, or -1 for a purpose the layout does not hold
     * @return the state; {@link #NOT_COVERED} for -1
     */
    public int stateOf(int bit) {
        if (wideCovered != null) {
            return bit < 0 ? NOT_COVERED : state(wideCovered[bit >>> 6], wideGranted[bit >>> 6], bit);
        }
        return bit < 0 ? NOT_COVERED : state(covered, granted, bit);
    }

    /** Granted bits lie within the covered ones, so this is 0, 1 or 3; the shifts are taken modulo 64. */
    private static int state(long covered, long granted, int bit) {
        return (int) (covered >>> bit & 1) | (int) (granted >>> bit & 1) << 1;
    }

    /** Whether the purpose at a bit (or -1) is decided, granted or refused. */
    public boolean covers(int bit) {
        return stateOf(bit) != NOT_COVERED;
    }

    /** Whether the purpose at a bit (or -1) is granted. */
    public boolean grants(int bit) {
        return stateOf(bit) == GRANTED;
    }

    /** The covered bits of word {@code w} (bits {@code 64 w} to {@code 64 w + 63}). */
    private long coveredWord(int w) {
        return wideCovered == null ? (w == 0 ? covered : 0) : wideCovered[w];
    }

    @Override
    public Boolean get(Object key) {
        int bit = key instanceof String id ? layout.bitOf(id) : -1;
        return covers(bit) ? grants(bit) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        if (wideCovered == null) {
            return Long.bitCount(covered);
        }
        int size = 0;
        for (long word : wideCovered) {
            size += Long.bitCount(word);
        }
        return size;
    }

    @Override
    public Set<Entry<String, Boolean>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Boolean>> iterator() {
                return new Iterator<>() {
                    private int word;
                    private long rest = coveredWord(0);
                    private int left = size();

                    @Override
                    public boolean hasNext() {
                        return left > 0;
                    }

                    @Override
                    public Entry<String, Boolean> next() {
                        if (left == 0) {
                            throw new NoSuchElementException();
                        }
                        while (rest == 0) {
                            rest = coveredWord(++word);
                        }
                        int bit = word * Long.SIZE + Long.numberOfTrailingZeros(rest);
                        rest &= rest - 1;
                        left--;
                        return new SimpleImmutableEntry<>(layout.table.ids[bit], grants(bit));
                    }
                };
            }

            @Override
            public int size() {
                return Grants.this.size();
            }
        };
    }
}
