package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit: the shards are split among a few lanes; in each lane one thread at a time writes, and the writes that
 * arrive while it does are written together by the next one. Waiting for the database's commit is then shared instead
 * of queued.
 *
 * <p>A caller {@link #submit submits} an item for a shard and returns only when the group holding it was written. The
 * first caller in an idle lane leads: it takes every item waiting in the lane (its own first, at most
 * {@link #MAX_GROUP}) and hands them to the {@link GroupWriter} as one group, in arrival order. When it is done, the
 * caller whose item is now first in the lane leads the next group. So items of one lane, and thus of one shard, are
 * written in the order they arrived. If the writer fails, every item of the group fails with the same exception.
 *
 * <p>The writer may leave items out (a {@code null} result, e.g. because another instance holds their shard): they go
 * back to the head of their lane, in their order, and the next group writes them. The writer must write at least one
 * item of each group and must leave out a shard's items only a bounded number of times in a row, or they could wait for ever.
 *
 * @param <T> what is written
 * @param <R> what writing one item gives back
 */
final class WriteLanes<T, R> {

    /** The most items written in one group. */
    static final int MAX_GROUP = 500;

    /** Writes one group, e.g. in one transaction. */
    @FunctionalInterface
    interface GroupWriter<T, R> {
        /**
         * Writes the items (all of one lane, in arrival order).
         *
         * @return one result per item, in the items' order; {@code null} for an item left to the next group
         */
        List<R> write(List<T> group);
    }

    /** How a submitted item's wait ends. */
    private sealed interface Outcome<R> permits Written, Failed, Lead {
    }

    /** The group holding the item was written. */
    private record Written<R>(R result) implements Outcome<R> {
    }

    /** The group holding the item failed. */
    private record Failed<R>(RuntimeException failure) implements Outcome<R> {
    }

    /** The item is now first in its lane, and its caller leads the next group. */
    private record Lead<R>() implements Outcome<R> {
    }

    /** The items waiting in a lane, and whether a caller is writing. Guarded by its own monitor. */
    private final class Lane {
        private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
        private boolean leading;
    }

    /** One submitted item, waiting for its lane's writer. */
    private final class Waiting {
        private final T item;
        private volatile CompletableFuture<Outcome<R>> outcome = new CompletableFuture<>();

        Waiting(T item) {
            this.item = item;
        }

        /** Wakes this item's caller to lead its lane; its own outcome starts afresh. Called holding the lane's monitor. */
        void promote() {
            CompletableFuture<Outcome<R>> waiting = outcome;
            outcome = new CompletableFuture<>();
            waiting.complete(new Lead<>());
        }
    }

    private final List<Lane> lanes;
    private final GroupWriter<T, R> writer;

    /**
     * @param count  the number of lanes, at least 1: how many groups are written at once
     * @param writer writes a group
     */
    WriteLanes(int count, GroupWriter<T, R> writer) {
        if (count < 1) {
            throw new IllegalArgumentException("lanes must be at least 1: " + count);
        }
        List<Lane> l = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            l.add(new Lane());
        }
        this.lanes = List.copyOf(l);
        this.writer = writer;
    }

    /** The number of lanes. */
    int count() {
        return lanes.size();
    }

    /**
     * Writes an item with the others that reach its shard's lane meanwhile, and returns its result.
     *
     * @param shard the item's shard (0 or more); lane {@code shard % count()} writes it
     * @throws RuntimeException what the writer threw for the item's group (a {@link LedgerException} anew per caller)
     */
    R submit(int shard, T item) {
        Lane lane = lanes.get(shard % lanes.size());
        Waiting me = new Waiting(item);
        boolean lead;
        CompletableFuture<Outcome<R>> pending;
        synchronized (lane) {
            lane.queue.add(me);
            pending = me.outcome;
            lead = !lane.leading;
            lane.leading = true;
        }
        while (true) {
            if (lead) {
                lead(lane); // may leave this item out and, as it is then first in the lane, promote it at once
            }
            Outcome<R> outcome = pending.join();
            if (!(outcome instanceof Lead)) {
                return result(outcome);
            }
            pending = me.outcome; // promoted: no other caller leads the lane until this one has
            lead = true;
        }
    }

    /** Writes the group at the head of the lane, then hands the lead to the next waiting item or frees the lane. */
    private void lead(Lane lane) {
        List<Waiting> group = new ArrayList<>();
        List<Waiting> leftOut = new ArrayList<>();
        synchronized (lane) {
            while (!lane.queue.isEmpty() && group.size() < MAX_GROUP) {
                group.add(lane.queue.poll());
            }
        }
        try {
            List<T> items = new ArrayList<>(group.size());
            group.forEach(w -> items.add(w.item));
            List<R> written = writer.write(items);
            if (written.size() != group.size()) {
                throw new IllegalStateException("the writer returned " + written.size() + " results for " + group.size() + " items");
            }
            for (int i = 0; i < group.size(); i++) {
                if (written.get(i) == null) {
                    leftOut.add(group.get(i));
                } else {
                    group.get(i).outcome.complete(new Written<>(written.get(i)));
                }
            }
        } catch (RuntimeException e) {
            group.forEach(w -> w.outcome.complete(new Failed<>(e)));
        } catch (Error e) {
            // Never leave the callers waiting on this thread hanging.
            LedgerException failure = new LedgerException("consent ledger: the append transaction failed: " + e, e);
            group.forEach(w -> w.outcome.complete(new Failed<>(failure)));
            throw e;
        } finally {
            synchronized (lane) {
                for (int i = leftOut.size() - 1; i >= 0; i--) {
                    lane.queue.addFirst(leftOut.get(i));
                }
                Waiting next = lane.queue.peek();
                if (next == null) {
                    lane.leading = false;
                } else {
                    next.promote();
                }
            }
        }
    }

    private R result(Outcome<R> outcome) {
        if (outcome instanceof Written<R> w) {
            return w.result();
        }
        if (outcome instanceof Failed<R> f) {
            throw f.failure() instanceof LedgerException e ? new LedgerException(e.getMessage(), e.getCause()) : f.failure();
        }
        throw new IllegalStateException("a caller was asked to lead twice");
    }
}
