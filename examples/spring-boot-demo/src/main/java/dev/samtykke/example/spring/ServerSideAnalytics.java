package dev.samtykke.example.spring;

import dev.samtykke.spring.RequiresConsent;
import org.springframework.stereotype.Service;

/**
 * A server-side tracking client, as a site would use for the Measurement Protocol or the Conversions
 * API. {@code @RequiresConsent} keeps it from running unless the visitor granted analytics; here it
 * reports to the local {@link StandInCollector} instead of a third party.
 */
@Service
public class ServerSideAnalytics {

    private final StandInCollector collector;

    /**
     * @param collector where the stand-in reports go
     */
    public ServerSideAnalytics(StandInCollector collector) {
        this.collector = collector;
    }

    /**
     * Reports a page view; does nothing without consent to analytics.
     *
     * @param page the page's path
     * @return {@code true} if it was reported
     */
    @RequiresConsent("analytics")
    public boolean pageView(String page) {
        collector.record("server", page);
        return true;
    }
}
