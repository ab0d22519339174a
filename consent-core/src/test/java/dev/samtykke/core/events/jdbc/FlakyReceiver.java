package dev.samtykke.core.events.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.WebhookSignature;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on 127.0.0.1 that fails, times out and answers slowly at random (seeded per event and attempt, so
 * a run is reproducible from its seed), and checks, as each delivery arrives, that the subject's earlier events were
 * accepted before it. Only the first {@value #MAX_FAILURES_IN_A_ROW} attempts of an event may fail, so that no event of
 * an ordinary subject reaches the relay's dead-letter limit; a "poison" subject's events are always refused.
 */
final class FlakyReceiver implements AutoCloseable {

    static final int MAX_FAILURES_IN_A_ROW = 4;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final long seed;
    private final Duration slow;
    private final Duration timeout;
    private final String poisonSubject;
    private final WebhookSignature signature;
    /** Each subject's appended records' ledger sequences, registered by the test as it appends (per subject in order). */
    final Map<String, List<Long>> appended = new ConcurrentHashMap<>();
    /** The record ids accepted (answered 2xx) at least once. */
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    /** Per subject, the ledger sequences in the order they were first accepted. */
    final Map<String, List<Long>> firstAccepted = new ConcurrentHashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> acceptedSequences = new ConcurrentHashMap<>();

    private final int maxAttempts;
    /** The poison subject's arrivals per ledger sequence. */
    private final Map<Long, Integer> poisonArrivals = new ConcurrentHashMap<>();

    FlakyReceiver(long seed, Duration slow, Duration timeout, String poisonSubject, int maxAttempts, byte[] secret) throws IOException {
        this.seed = seed;
        this.maxAttempts = maxAttempts;
        this.slow = slow;
        this.timeout = timeout;
        this.poisonSubject = poisonSubject;
        this.signature = new WebhookSignature(secret);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/events", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    void registerAppended(String subject, long sequence) {
        appended.computeIfAbsent(subject, k -> new CopyOnWriteArrayList<>()).add(sequence);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!signature.verify(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body, Instant.now(),
                    Duration.ofMinutes(5))) {
                violations.add("a delivery with a bad signature");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            ConsentEvent e = ConsentEvent.fromJson(body);
            String subject = e.subjectId();
            long seq = e.ledgerSequence();
            if (!e.eventId().equals(exchange.getRequestHeaders().getFirst("Samtykke-Event-Id"))) {
                violations.add("event id header differs from the body's");
            }
            Set<Long> done = acceptedSequences.computeIfAbsent(subject, k -> ConcurrentHashMap.newKeySet());
            if (subject.equals(poisonSubject)) {
                // Refused every time: the next event may come only once the relay has given up on the earlier ones.
                for (long earlier : appended.getOrDefault(subject, List.of())) {
                    if (earlier < seq && poisonArrivals.getOrDefault(earlier, 0) < maxAttempts) {
                        violations.add(subject + ": event " + seq + " arrived before " + earlier + " was tried "
                                + maxAttempts + " times");
                    }
                }
                poisonArrivals.merge(seq, 1, Integer::sum);
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            for (long earlier : appended.getOrDefault(subject, List.of())) {
                if (earlier < seq && !done.contains(earlier)) {
                    violations.add(subject + ": event " + seq + " arrived before " + earlier + " was accepted");
                }
            }
            int attempt = attempts.merge(e.eventId(), 1, Integer::sum);
            int mode = attempt > MAX_FAILURES_IN_A_ROW ? 9
                    : new Random(seed * 1_000_003L + subject.hashCode() * 7919L + seq * 104_729L + attempt).nextInt(10);
            switch (mode) {
                case 0, 1, 2 -> exchange.sendResponseHeaders(500, -1);
                case 3 -> {
                    sleep(timeout.plusMillis(500)); // the relay has given up by now
                    exchange.sendResponseHeaders(503, -1);
                }
                case 4, 5 -> {
                    sleep(slow);
                    accept(subject, seq, e, done);
                    exchange.sendResponseHeaders(200, -1);
                }
                default -> {
                    accept(subject, seq, e, done);
                    exchange.sendResponseHeaders(204, -1);
                }
            }
        }
    }

    private void accept(String subject, long seq, ConsentEvent e, Set<Long> done) {
        if (done.add(seq)) {
            firstAccepted.computeIfAbsent(subject, k -> new CopyOnWriteArrayList<>()).add(seq);
        }
        accepted.add(e.recordId() == null ? e.eventId() : e.recordId());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<String> subjectsOutOfOrder() {
        List<String> out = new ArrayList<>();
        firstAccepted.forEach((subject, seqs) -> {
            for (int i = 1; i < seqs.size(); i++) {
                if (seqs.get(i) < seqs.get(i - 1)) {
                    out.add(subject + " " + seqs);
                    break;
                }
            }
        });
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
