package dev.samtykke.scanner;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to scan a site.
 *
 * @param startUrls where the crawl starts (http or https), at least one
 * @param maxPages how many pages to visit at most (each three times); default 50
 * @param maxDepth how many links away from a start URL to follow; default 5
 * @param exclusions {@code robots.txt}-style path rules ({@code Disallow} values): a path that starts with
 *                   one is not visited; {@code *} matches any characters and a trailing {@code $} anchors the end
 * @param headers extra request headers (e.g. for a signed-in area)
 * @param cookies extra cookies set on the first start URL's site before each visit
 * @param pageTimeout the time budget of one page visit; default 30 seconds
 * @param chromium the Chromium binary; default {@code /usr/bin/chromium}
 * @param chromedriver the ChromeDriver binary; default {@code /usr/bin/chromedriver}
 * @param progress where progress lines go (pages done / queued), or {@code null} for none
 * @param parallelism how many browsers run at once (1 to 3: the three visits of a page); default 3
 */
public record ScanOptions(List<String> startUrls, int maxPages, int maxDepth, List<String> exclusions,
                          Map<String, String> headers, Map<String, String> cookies, Duration pageTimeout,
                          Path chromium, Path chromedriver, PrintStream progress, int parallelism) {

    /** Validates the options. */
    public ScanOptions {
        startUrls = List.copyOf(startUrls);
        if (startUrls.isEmpty()) {
            throw new IllegalArgumentException("give at least one start URL");
        }
        for (String url : startUrls) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid start URL '" + url + "'", e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("invalid start URL '" + url + "': use an http:// or https:// URL");
            }
        }
        if (maxPages < 1 || maxPages > 10_000) {
            throw new IllegalArgumentException("max pages must be between 1 and 10000, not " + maxPages);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max depth must not be negative");
        }
        exclusions = List.copyOf(exclusions);
        headers = Map.copyOf(headers);
        cookies = Map.copyOf(cookies);
        Objects.requireNonNull(pageTimeout, "pageTimeout");
        Objects.requireNonNull(chromium, "chromium");
        Objects.requireNonNull(chromedriver, "chromedriver");
        if (parallelism < 1 || parallelism > 3) {
            throw new IllegalArgumentException("parallelism must be 1, 2 or 3, not " + parallelism);
        }
    }

    /** A builder for a scan of {@code startUrl} with the defaults. */
    public static Builder builder(String startUrl) {
        return new Builder().startUrl(startUrl);
    }

    /** Whether a path is excluded by one of the {@link #exclusions}. */
    public boolean excluded(String path) {
        for (String rule : exclusions) {
            if (rule.isEmpty()) {
                continue;
            }
            boolean anchored = rule.endsWith("$");
            String body = anchored ? rule.substring(0, rule.length() - 1) : rule;
            StringBuilder regex = new StringBuilder();
            for (String part : body.split("\\*", -1)) {
                if (regex.length() > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            if (Pattern.compile(regex + (anchored ? "" : ".*"), Pattern.DOTALL).matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Builds {@link ScanOptions}. */
    public static final class Builder {
        private final List<String> startUrls = new ArrayList<>();
        private int maxPages = 50;
        private int maxDepth = 5;
        private final List<String> exclusions = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private Duration pageTimeout = Duration.ofSeconds(30);
        private Path chromium = Path.of("/usr/bin/chromium");
        private Path chromedriver = Path.of("/usr/bin/chromedriver");
        private PrintStream progress;
        private int parallelism = 3;

        private Builder() {
        }

        /** Adds a start URL. */
        public Builder startUrl(String url) {
            startUrls.add(url);
            return this;
        }

        /** The page limit (default 50). */
        public Builder maxPages(int maxPages) {
            this.maxPages = maxPages;
            return this;
        }

        /** The link depth (default 5). */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        /** Adds a {@code Disallow}-style path rule. */
        public Builder exclude(String rule) {
            exclusions.add(rule);
            return this;
        }

        /** Adds a request header. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Adds a cookie. */
        public Builder cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        /** The budget of one page visit (default 30 s). */
        public Builder pageTimeout(Duration timeout) {
            this.pageTimeout = timeout;
            return this;
        }

        /** The Chromium and ChromeDriver binaries (default {@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}). */
        public Builder browser(Path chromium, Path chromedriver) {
            this.chromium = chromium;
            this.chromedriver = chromedriver;
            return this;
        }

        /** Where progress lines go ({@code null}: nowhere). */
        public Builder progress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        /** How many browsers run at once, 1 to 3 (default 3: a page's three visits together). */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** The options. */
        public ScanOptions build() {
            return new ScanOptions(startUrls, maxPages, maxDepth, exclusions, headers, cookies, pageTimeout, chromium,
                    chromedriver, progress, parallelism);
        }
    }
}
