package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit with a fake writer: what is grouped, in which order, and how a failed group ends. */
class WriteLanesTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A writer that records each group, can be held inside a write, and answers "written:item". */
    private static final class FakeWriter implements WriteLanes.GroupWriter<String, String> {
        final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile String holdOn = "";
        volatile RuntimeException failOn;

        @Override
        public List<String> write(List<String> group) {
            groups.add(List.copyOf(group));
            if (group.contains(holdOn)) {
                entered.countDown();
                await(release);
            }
            if (failOn != null && group.contains(failOn.getMessage())) {
                throw failOn;
            }
            return group.stream().map(item -> "written:" + item).toList();
        }
    }

    @Test
    void writesAloneWhenNothingWaits() {
        FakeWriter writer = new FakeWriter();
        WriteLanes<String, String> lanes = new WriteLanes<>(2, writer);

        assertThat(lanes.submit(0, "a")).isEqualTo("written:a");
        assertThat(lanes.submit(0, "b")).isEqualTo("written:b");

        assertThat(writer.groups).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void writesWhatArrivedDuringAWriteAsOneGroupInArrivalOrder() throws Exception {
        FakeWriter writer = new FakeWriter();
        writer.holdOn = "first";
        WriteLanes<String, String> lanes = new WriteLanes<>(2, writer);
        Future<String> first = threads.submit(() -> lanes.submit(0, "first"));
        writer.entered.await();

        // shards 0, 2 and 4 share lane 0; each caller is queued before the next one starts
        List<Future<String>> waiting = new ArrayList<>();
        List<String> sent = List.of("s0-1", "s2-1", "s0-2", "s4-1", "s0-3");
        for (String item : sent) {
            int shard = Integer.parseInt(item.substring(1, 2));
            waiting.add(submitAndWaitUntilParked(lanes, shard, item));
        }
        writer.release.countDown();

        assertThat(first.get()).isEqualTo("written:first");
        for (int i = 0; i < sent.size(); i++) {
            assertThat(waiting.get(i).get()).isEqualTo("written:" + sent.get(i));
        }
        assertThat(writer.groups).as("one group for everything that waited, in arrival order")
                .containsExactly(List.of("first"), sent);
    }

    @Test
    void anotherLaneWritesWhileOneIsBusy() throws Exception {
        FakeWriter writer = new FakeWriter();
        writer.holdOn = "slow";
        WriteLanes<String, String> lanes = new WriteLanes<>(2, writer);
        Future<String> slow = threads.submit(() -> lanes.submit(0, "slow"));
        writer.entered.await();

        assertThat(lanes.submit(1, "other lane")).as("lane 1 does not wait for lane 0").isEqualTo("written:other lane");

        writer.release.countDown();
        assertThat(slow.get()).isEqualTo("written:slow");
    }

    @Test
    void aFailedGroupFailsEveryCallerInItAndTheLaneGoesOn() throws Exception {
        FakeWriter writer = new FakeWriter();
        writer.holdOn = "first";
        LedgerException cause = new LedgerException("doomed", new java.sql.SQLException("deadlock", "40P01"));
        writer.failOn = new LedgerException("s0-2", cause);
        WriteLanes<String, String> lanes = new WriteLanes<>(1, writer);
        Future<String> first = threads.submit(() -> lanes.submit(0, "first"));
        writer.entered.await();
        Future<String> a = submitAndWaitUntilParked(lanes, 0, "s0-1");
        Future<String> b = submitAndWaitUntilParked(lanes, 3, "s0-2");
        writer.release.countDown();

        assertThat(first.get()).isEqualTo("written:first");
        for (Future<String> failed : List.of(a, b)) {
            assertThatThrownBy(failed::get).cause().isInstanceOf(LedgerException.class).hasMessage("s0-2")
                    .as("each caller gets an exception of its own, with the same cause").isNotSameAs(writer.failOn)
                    .hasCause(cause);
        }
        assertThat(lanes.submit(0, "after")).as("the lane is free again").isEqualTo("written:after");
        assertThat(writer.groups).containsExactly(List.of("first"), List.of("s0-1", "s0-2"), List.of("after"));
    }

    @Test
    void anErrorInTheWriterReachesTheLeaderAndFailsTheOthers() throws Exception {
        AtomicReference<List<String>> seen = new AtomicReference<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WriteLanes<String, String> lanes = new WriteLanes<>(1, group -> {
            if (group.contains("hold")) {
                entered.countDown();
                await(release);
                return List.of("held");
            }
            seen.set(group);
            throw new OutOfMemoryError("simulated");
        });
        Future<String> holder = threads.submit(() -> lanes.submit(0, "hold"));
        entered.await();
        Future<String> leader = submitAndWaitUntilParked(lanes, 0, "leads next");
        Future<String> follower = submitAndWaitUntilParked(lanes, 0, "follows");
        release.countDown();

        assertThat(holder.get()).isEqualTo("held");
        assertThatThrownBy(leader::get).cause().isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(follower::get).cause().isInstanceOf(LedgerException.class).hasMessageContaining("simulated");
        assertThat(seen.get()).containsExactly("leads next", "follows");
    }

    @Test
    void aGroupHoldsAtMostMaxGroupItems() throws Exception {
        FakeWriter writer = new FakeWriter();
        writer.holdOn = "first";
        WriteLanes<String, String> lanes = new WriteLanes<>(1, writer);
        Future<String> first = threads.submit(() -> lanes.submit(0, "first"));
        writer.entered.await();
        List<Future<String>> waiting = new ArrayList<>();
        for (int i = 0; i < WriteLanes.MAX_GROUP + 3; i++) {
            int n = i;
            waiting.add(threads.submit(() -> lanes.submit(0, "item" + n)));
        }
        awaitParked(WriteLanes.MAX_GROUP + 3);
        writer.release.countDown();

        first.get();
        for (Future<String> f : waiting) {
            assertThat(f.get()).startsWith("written:item");
        }
        assertThat(writer.groups.stream().map(List::size).toList()).containsExactly(1, WriteLanes.MAX_GROUP, 3);
    }

    @Test
    void aLeaderWhoseOwnItemIsLeftOutWritesItWithTheNextGroup() throws Exception {
        List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        WriteLanes<String, String> lanes = new WriteLanes<>(1, group -> {
            groups.add(List.copyOf(group));
            return groups.size() == 1 ? Collections.singletonList(null) : List.of("written:" + group.get(0));
        });

        Future<String> alone = threads.submit(() -> lanes.submit(0, "a"));

        assertThat(alone.get(30, TimeUnit.SECONDS)).as("the caller leads again instead of waiting for a leader").isEqualTo("written:a");
        assertThat(groups).containsExactly(List.of("a"), List.of("a"));
    }

    @Test
    void itemsLeftOutGoBackToTheHeadOfTheLaneInTheirOrder() throws Exception {
        List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch inSecond = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        WriteLanes<String, String> lanes = new WriteLanes<>(1, group -> {
            groups.add(List.copyOf(group));
            if (group.contains("first")) {
                inFirst.countDown();
                await(releaseFirst);
            }
            if (group.contains("s2-1")) {
                inSecond.countDown();
                await(releaseSecond);
            }
            // shard 0 is held elsewhere while the second group is written: its items are left to the next group
            boolean second = group.contains("s2-1");
            return group.stream().map(item -> second && item.startsWith("s0") ? null : "written:" + item).toList();
        });
        Future<String> first = threads.submit(() -> lanes.submit(0, "first"));
        inFirst.await();
        List<String> sent = List.of("s0-1", "s2-1", "s0-2", "s4-1");
        List<Future<String>> waiting = new ArrayList<>();
        for (String item : sent) {
            waiting.add(submitAndWaitUntilParked(lanes, Integer.parseInt(item.substring(1, 2)), item));
        }
        releaseFirst.countDown();
        inSecond.await();
        Future<String> later = submitAndWaitUntilParked(lanes, 0, "s0-3");
        releaseSecond.countDown();

        assertThat(first.get()).isEqualTo("written:first");
        for (int i = 0; i < sent.size(); i++) {
            assertThat(waiting.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("written:" + sent.get(i));
        }
        assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo("written:s0-3");
        assertThat(groups).as("the items left out come back before what arrived meanwhile, shard 0 still in arrival order")
                .containsExactly(List.of("first"), sent, List.of("s0-1", "s0-2", "s0-3"));
    }

    /** Submits from a new thread and returns once that caller waits in its lane. */
    private Future<String> submitAndWaitUntilParked(WriteLanes<String, String> lanes, int shard, String item) {
        CompletableFuture<Thread> started = new CompletableFuture<>();
        Future<String> f = threads.submit(() -> {
            started.complete(Thread.currentThread());
            return lanes.submit(shard, item);
        });
        Thread t = started.join();
        while (t.getState() != Thread.State.WAITING) {
            pause();
        }
        return f;
    }

    /** Waits until at least n callers of this test wait in lanes (parked in {@code CompletableFuture.join}). */
    private static void awaitParked(int n) {
        while (Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                .filter(e -> List.of(e.getValue()).stream().anyMatch(f -> f.getClassName().equals(WriteLanes.class.getName())))
                .count() < n) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the writer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
