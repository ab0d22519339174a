package dev.samtykke.example.spring;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the stand-ins for Google Analytics, Meta Pixel and the server-side tracker received, in memory
 * (the last {@value #CAPACITY} hits). Nothing leaves the machine; no identifier is kept, only which
 * tracker, which page and when.
 */
@Component
public class StandInCollector {

    /** How many hits are kept. */
    public static final int CAPACITY = 200;

    /** One hit. */
    public record Hit(String tracker, String page, Instant at) {
    }

    private final Deque<Hit> hits = new ArrayDeque<>();

    /** Records a hit; page paths are cut to 200 characters. */
    public synchronized void record(String tracker, String page) {
        String p = page == null ? "" : page.length() > 200 ? page.substring(0, 200) : page;
        if (hits.size() == CAPACITY) {
            hits.removeFirst();
        }
        hits.addLast(new Hit(tracker, p, Instant.now()));
    }

    /** The hits, oldest first. */
    public synchronized List<Hit> hits() {
        return List.copyOf(hits);
    }
}
