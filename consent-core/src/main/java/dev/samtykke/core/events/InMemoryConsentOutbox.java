package dev.samtykke.core.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ConsentOutbox} in memory, beside the {@link dev.samtykke.core.ledger.InMemoryConsentLedger} (which adds to it
 * under the lock it appends under): lost on restart, as that ledger's records are. Delivered events are dropped at
 * once. Bounded: at most {@link #DEFAULT_MAX_EVENTS} pending and dead-lettered events by default; past that the oldest
 * is dropped, with a warning logged once. Thread-safe (one lock).
 */
public final class InMemoryConsentOutbox implements ConsentOutbox {

    /** The default bound on the events held. */
    public static final int DEFAULT_MAX_EVENTS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryConsentOutbox.class);

    private final int maxEvents;
    private final Clock clock;
    /** Pending and dead events in the order they were added, by event id. */
    private final LinkedHashMap<String, Item> items = new LinkedHashMap<>();
    /** Each subject's pending events, oldest first. */
    private final Map<String, ArrayDeque<Item>> pendingBySubject = new HashMap<>();
    private boolean dropLogged;

    /** An outbox holding at most {@value #DEFAULT_MAX_EVENTS} events. */
    public InMemoryConsentOutbox() {
        this(DEFAULT_MAX_EVENTS, Clock.systemUTC());
    }

    /**
     * An outbox with a bound and a clock (which stamps when events were added, for {@link #stats}).
     *
     * @param maxEvents the most pending and dead-lettered events held, at least 1
     * @param clock the clock
     */
    public InMemoryConsentOutbox(int maxEvents, Clock clock) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1");
        }
        this.maxEvents = maxEvents;
        this.clock = clock;
    }

    private static final class Item {
        final ConsentEvent event;
        final Instant addedAt;
        boolean dead;
        int attempts;
        Set<String> deliveredTo = Set.of();
        Instant availableAt = Instant.MIN;
        String relay;
        Instant leaseUntil = Instant.MIN;
        String error;

        Item(ConsentEvent event, Instant addedAt) {
            this.event = event;
            this.addedAt = addedAt;
        }
    }

    /**
     * Adds an event; called by the ledger as part of its append or erasure. An erasure first removes every event of the
     * subject still held (pending or dead): downstream receives the erasure, and nothing of the subject is kept.
     *
     * @param event the event
     */
    public synchronized void add(ConsentEvent event) {
        if (event.type() == ConsentEvent.Type.ERASED) {
            removeSubject(event.subjectId());
        }
        while (items.size() >= maxEvents) {
            Iterator<Item> oldest = items.values().iterator();
            Item dropped = oldest.next();
            oldest.remove();
            if (!dropped.dead) {
                pendingBySubject.get(dropped.event.subjectId()).remove(dropped);
                dropEmpty(dropped.event.subjectId());
            }
            if (!dropLogged) {
                dropLogged = true;
                LOG.warn("The in-memory consent outbox is full ({} events): it drops the oldest from now on. Configure a"
                        + " DataSource so that consent events wait in the database.", maxEvents);
            }
        }
        Item item = new Item(event, clock.instant());
        items.put(event.eventId(), item);
        pendingBySubject.computeIfAbsent(event.subjectId(), k -> new ArrayDeque<>()).add(item);
    }

    private void removeSubject(String subjectId) {
        items.values().removeIf(i -> i.event.subjectId().equals(subjectId));
        pendingBySubject.remove(subjectId);
    }

    private void dropEmpty(String subjectId) {
        ArrayDeque<Item> q = pendingBySubject.get(subjectId);
        if (q != null && q.isEmpty()) {
            pendingBySubject.remove(subjectId);
        }
    }

    @Override
    public synchronized List<OutboxEntry> claim(String relay, int limit, Instant now, Duration lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<OutboxEntry> claimed = new ArrayList<>();
        for (Item item : items.values()) {
            if (claimed.size() >= limit) {
                break;
            }
            if (item.dead || pendingBySubject.get(item.event.subjectId()).peek() != item
                    || item.availableAt.isAfter(now) || item.leaseUntil.isAfter(now)) {
                continue;
            }
            item.relay = relay;
            item.leaseUntil = now.plus(lease);
            claimed.add(new OutboxEntry(item.event, item.attempts, item.deliveredTo));
        }
        return claimed;
    }

    /** The claimed item, or null if the relay no longer holds it (its lease passed to another, or it was erased). */
    private Item held(String relay, String eventId) {
        Item item = items.get(eventId);
        return item == null || item.dead || !relay.equals(item.relay) ? null : item;
    }

    @Override
    public synchronized void delivered(String relay, String eventId, Instant now) {
        Item item = held(relay, eventId);
        if (item != null) {
            items.remove(eventId);
            pendingBySubject.get(item.event.subjectId()).remove(item);
            dropEmpty(item.event.subjectId());
        }
    }

    @Override
    public synchronized void retry(String relay, String eventId, int attempts, Set<String> deliveredTo, Instant retryAt, String error) {
        Item item = held(relay, eventId);
        if (item != null) {
            item.attempts = attempts;
            item.deliveredTo = Set.copyOf(deliveredTo);
            item.availableAt = retryAt;
            item.leaseUntil = Instant.MIN;
            item.relay = null;
            item.error = shorten(error);
        }
    }

    @Override
    public synchronized void deadLetter(String relay, String eventId, int attempts, Set<String> deliveredTo, String error, Instant now) {
        Item item = held(relay, eventId);
        if (item != null) {
            item.attempts = attempts;
            item.deliveredTo = Set.copyOf(deliveredTo);
            item.dead = true;
            item.relay = null;
            item.error = shorten(error);
            pendingBySubject.get(item.event.subjectId()).remove(item);
            dropEmpty(item.event.subjectId());
        }
    }

    @Override
    public synchronized boolean redeliver(String eventId, Instant now) {
        Item item = items.get(eventId);
        if (item == null || !item.dead) {
            return false;
        }
        // Back in line at its place in the subject's order (as the JDBC outbox does): before the subject's pending events.
        items.remove(eventId);
        Item again = new Item(item.event, item.addedAt);
        again.deliveredTo = item.deliveredTo;
        again.availableAt = now;
        items.put(eventId, again);
        ArrayDeque<Item> queue = pendingBySubject.computeIfAbsent(item.event.subjectId(), k -> new ArrayDeque<>());
        List<Item> ordered = new ArrayList<>(queue);
        ordered.add(again);
        ordered.sort(java.util.Comparator.comparingLong(i -> i.event.ledgerSequence()));
        queue.clear();
        queue.addAll(ordered);
        return true;
    }

    @Override
    public synchronized List<ConsentEvent> deadLetters(int limit) {
        return items.values().stream().filter(i -> i.dead).limit(limit).map(i -> i.event).toList();
    }

    /** Delivered events are not kept in memory: nothing to purge. */
    @Override
    public int purgeDelivered(Instant olderThan) {
        return 0;
    }

    @Override
    public synchronized OutboxStats stats(Instant now) {
        long dead = items.values().stream().filter(i -> i.dead).count();
        Instant oldest = items.values().stream().filter(i -> !i.dead).map(i -> i.addedAt).findFirst().orElse(null);
        Duration lag = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
        return new OutboxStats(items.size() - dead, dead, lag);
    }

    static String shorten(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= 256 ? error : error.substring(0, 255) + "…";
    }
}
