package dev.samtykke.scanner.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser-level DevTools endpoint of a Chromium that ChromeDriver started ({@code debuggerAddress}),
 * for the commands ChromeDriver's page session may not send ({@code Target.createBrowserContext}).
 * A minimal client over the JDK's WebSocket: one request at a time per caller, replies matched by id.
 */
final class BrowserEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    private BrowserEndpoint(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the browser whose DevTools listen at {@code host:port}. */
    static BrowserEndpoint connect(String debuggerAddress) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create("http://" + debuggerAddress + "/json/version"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            String url = JSON.readTree(version.body()).path("webSocketDebuggerUrl").asText();
            if (url.isEmpty()) {
                throw new IllegalStateException("the browser at " + debuggerAddress + " names no DevTools endpoint");
            }
            BrowserEndpoint[] self = new BrowserEndpoint[1];
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(url), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        self[0].reply(text.toString());
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new BrowserEndpoint(socket);
            return self[0];
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach the browser's DevTools at " + debuggerAddress + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void reply(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.has("id")) {
                CompletableFuture<JsonNode> future = waiting.remove(node.get("id").asInt());
                if (future != null) {
                    future.complete(node);
                }
            }
        } catch (JacksonException e) {
            // not a reply: ignore
        }
    }

    /** Sends a command and waits for its result. */
    JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        waiting.put(id, future);
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", JSON.valueToTree(params));
        try {
            socket.sendText(request.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            waiting.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
