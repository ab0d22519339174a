package dev.samtykke.spring.async;

import dev.samtykke.servlet.ConsentContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code @Async} method sees the consent of the request that called it, where the application propagates
 * context with Spring's {@code ContextPropagatingTaskDecorator} (as it does for observations).
 */
@SpringBootTest(classes = ConsentContextAsyncTest.AsyncApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "samtykke.policy=classpath:policies/jackon.json",
        "samtykke.development=true"})
class ConsentContextAsyncTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String acceptedCookie() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/consent"))
                .header("Origin", "http://127.0.0.1:" + port).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"acceptAll\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("consent="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    @Test
    void anAsyncMethodSeesTheCallingRequestsConsent() throws Exception {
        assertThat(get("/async", null)).isEqualTo("other thread: analytics=false");
        assertThat(get("/async", acceptedCookie())).isEqualTo("other thread: analytics=true");
    }

    @Test
    void theExecutorsThreadKeepsNothingAfterTheTask() throws Exception {
        get("/async", acceptedCookie());
        assertThat(get("/async-outside", null)).isEqualTo("other thread: nothing bound");
    }

    @SpringBootApplication
    @EnableAsync
    static class AsyncApplication {

        @Bean
        ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
            return new ContextPropagatingTaskDecorator();
        }

        @Bean
        Worker worker() {
            return new Worker();
        }

        @Bean
        Pages pages(Worker worker) {
            return new Pages(worker);
        }
    }

    /** Work done on the application's task executor. */
    @Service
    static class Worker {
        @Async
        public CompletableFuture<String> analytics(Thread caller) {
            String where = Thread.currentThread() == caller ? "same thread" : "other thread";
            return CompletableFuture.completedFuture(where + ": " + ConsentContext.find()
                    .map(s -> "analytics=" + s.allows("analytics")).orElse("nothing bound"));
        }
    }

    @RestController
    static class Pages {
        private final Worker worker;

        Pages(Worker worker) {
            this.worker = worker;
        }

        @GetMapping("/async")
        String async() throws Exception {
            return worker.analytics(Thread.currentThread()).get();
        }

        /** Runs the task from a thread with no request, so nothing is propagated. */
        @GetMapping("/async-outside")
        String asyncOutside() throws Exception {
            CompletableFuture<String> result = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    result.complete(worker.analytics(Thread.currentThread()).get());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
            t.start();
            return result.get();
        }
    }
}
