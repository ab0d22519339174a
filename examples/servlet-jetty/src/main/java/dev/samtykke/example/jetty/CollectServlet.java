package dev.samtykke.example.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A first-party analytics endpoint. {@code ConsentFilter} answers requests to it with 204 before
 * they get here unless the visitor granted {@code analytics}, so it counts consented page views only.
 */
final class CollectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final AtomicLong pageViews = new AtomicLong();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        pageViews.incrementAndGet();
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("X-Counted", "true");
    }

    long pageViews() {
        return pageViews.get();
    }
}
