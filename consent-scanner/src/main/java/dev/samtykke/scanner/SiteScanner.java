package dev.samtykke.scanner;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.StorageKind;
import dev.samtykke.scanner.internal.Browser;
import dev.samtykke.scanner.internal.CookieDatabase;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Scans a running site: crawls same-site links breadth first from the start URLs and visits each
 * page three times, each in a fresh browser context of its own (no decision, after "Reject all", after
 * "Accept all" through the site's own banner), then compares what it saw with the policy
 * ({@link PolicyCheck}). Up to three headless Chromiums run at once and live for the whole scan.
 *
 * <pre>{@code
 * ScanReport report = SiteScanner.scan(policy, ScanOptions.builder("https://www.example.no/").maxPages(20).build());
 * }</pre>
 */
public final class SiteScanner {

    /** The command that installs what the scanner needs on Debian and Ubuntu. */
    public static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private SiteScanner() {
    }

    /**
     * Runs a scan.
     *
     * @param policy the policy the site claims to follow
     * @param options what to scan and how
     * @return the report
     * @throws ScanException when Chromium or ChromeDriver is missing, or the first start URL cannot be loaded
     */
    public static ScanReport scan(ConsentPolicy policy, ScanOptions options) {
        if (!Files.isExecutable(options.chromium()) || !Files.isExecutable(options.chromedriver())) {
            throw new ScanException("Chromium or ChromeDriver is missing (looked for " + options.chromium() + " and "
                    + options.chromedriver() + "); install them with: " + INSTALL, null);
        }
        Set<String> sites = new HashSet<>();
        options.startUrls().forEach(u -> sites.add(host(URI.create(u))));
        Deque<String[]> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String url : options.startUrls()) {
            String normal = normalise(url);
            if (seen.add(normal)) {
                queue.add(new String[] {normal, "0"});
            }
        }
        List<String> pages = new ArrayList<>();
        List<PageVisit> visits = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "samtykke-scan");
            t.setDaemon(true);
            return t;
        });
        try (Browsers browsers = new Browsers(options)) {
            crawl(options, browsers, sites, queue, seen, pages, visits, pool);
        } finally {
            pool.shutdownNow();
        }
        PolicyCheck check = PolicyCheck.run(policy, visits);
        return new ScanReport(pages, visits, check.findings(), suggestions(check.undeclared()));
    }

    private static void crawl(ScanOptions options, Browsers browsers, Set<String> sites, Deque<String[]> queue, Set<String> seen,
                              List<String> pages, List<PageVisit> visits, ExecutorService pool) {
        while (!queue.isEmpty() && pages.size() < options.maxPages()) {
            String[] next = queue.poll();
            String url = next[0];
            int depth = Integer.parseInt(next[1]);
            boolean start = pages.isEmpty();
            List<String> links = new ArrayList<>();
            List<PageVisit> three = visitAllStates(browsers, url, links, start, pool);
            for (PageVisit visit : three) {
                VisitState state = visit.state();
                if (start && visit.error() != null) {
                    throw new ScanException(state == VisitState.NONE ? "cannot load " + url + ": " + visit.error()
                            : "cannot visit " + url + " " + (state == VisitState.ACCEPTED ? "after \"Accept all\"" : "after \"Reject all\"")
                            + ": " + visit.error(), null);
                }
                visits.add(visit);
            }
            pages.add(url);
            if (depth < options.maxDepth()) {
                for (String link : links) {
                    String normal = normalise(link);
                    if (normal != null && sites.contains(host(URI.create(normal))) && !options.excluded(path(normal)) && seen.add(normal)) {
                        queue.add(new String[] {normal, Integer.toString(depth + 1)});
                    }
                }
            }
            if (options.progress() != null) {
                options.progress().printf("scanned %d page(s), %d queued: %s%n", pages.size(),
                        Math.min(queue.size(), options.maxPages() - pages.size()), url);
            }
        }
    }

    /** The three visits of a page, {@link ScanOptions#parallelism()} browsers at a time, in state order. */
    private static List<PageVisit> visitAllStates(Browsers browsers, String url, List<String> links, boolean start,
                                                  ExecutorService pool) {
        List<Future<PageVisit>> futures = new ArrayList<>();
        for (VisitState state : VisitState.values()) {
            futures.add(pool.submit(() -> browsers.visit(url, state, state == VisitState.NONE ? links : null, start)));
        }
        List<PageVisit> result = new ArrayList<>();
        for (Future<PageVisit> future : futures) {
            try {
                result.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScanException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ScanException scan) {
                    throw scan;
                }
                throw new ScanException("visit of " + url + " failed: " + e.getCause(), e.getCause());
            }
        }
        return result;
    }

    /** The browsers of one scan: at most {@link ScanOptions#parallelism()}, each used by one visit at a time. */
    private static final class Browsers implements AutoCloseable {
        private final ScanOptions options;
        private final BlockingQueue<Browser> idle = new LinkedBlockingQueue<>();
        private final List<Browser> all = new CopyOnWriteArrayList<>();

        Browsers(ScanOptions options) {
            this.options = options;
        }

        PageVisit visit(String url, VisitState state, List<String> links, boolean screenshot) {
            Browser browser = idle.poll();
            if (browser == null) {
                try {
                    browser = Browser.start(options.chromium(), options.chromedriver(), options.pageTimeout(),
                            options.headers(), options.cookies(), options.startUrls().get(0));
                } catch (RuntimeException e) {
                    throw new ScanException("cannot start Chromium (" + options.chromium() + " with " + options.chromedriver() + "): "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "; install it with: " + INSTALL, e);
                }
                all.add(browser);
            }
            try {
                return browser.visit(url, state, options.startUrls().get(0), links, screenshot);
            } finally {
                idle.add(browser);
            }
        }

        @Override
        public void close() {
            for (Browser browser : all) {
                try {
                    browser.close();
                } catch (RuntimeException e) {
                    // a browser that does not quit cleanly leaves only its temporary profile behind
                }
            }
        }
    }

    /** What the Open Cookie Database says about each undeclared item (loaded only when there is one). */
    private static List<Suggestion> suggestions(List<Map.Entry<StorageKind, String>> undeclared) {
        if (undeclared.isEmpty()) {
            return List.of();
        }
        CookieDatabase db = CookieDatabase.load();
        return undeclared.stream().map(item -> db.suggest(item.getValue(), item.getKey().id())).toList();
    }

    /** The URL without its fragment, or {@code null} if it is not http(s). */
    static String normalise(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return null;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(uri.getScheme(), uri.getRawAuthority(), null, null, null).toString() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (Exception e) {
            return null;
        }
    }

    private static String host(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
    }

    private static String path(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
