package dev.samtykke.scanner;

import java.util.List;
import java.util.Set;

/**
 * What one visit of one page in one consent state saw.
 *
 * @param url the page
 * @param state the consent state
 * @param cookies every cookie the browser held at the end of the visit
 * @param localStorage the page origin's {@code localStorage} keys
 * @param sessionStorage the page origin's {@code sessionStorage} keys
 * @param hosts the hosts of the requests made in this state (for {@code rejected} and {@code accepted}: after the click)
 * @param error why the visit failed, or {@code null}
 * @param screenshot a PNG of the page at the end of the visit, or {@code null}
 */
public record PageVisit(String url, VisitState state, List<SeenCookie> cookies, List<String> localStorage,
                        List<String> sessionStorage, Set<String> hosts, String error, byte[] screenshot) {
    /** Creates a visit record. */
    public PageVisit {
        cookies = List.copyOf(cookies);
        localStorage = List.copyOf(localStorage);
        sessionStorage = List.copyOf(sessionStorage);
        hosts = Set.copyOf(hosts);
    }

    /**
     * A visit that failed.
     *
     * @param url the page
     * @param state the state
     * @param error why it failed
     * @return a visit that saw nothing
     */
    public static PageVisit failed(String url, VisitState state, String error) {
        return new PageVisit(url, state, List.of(), List.of(), List.of(), Set.of(), error, null);
    }
}
