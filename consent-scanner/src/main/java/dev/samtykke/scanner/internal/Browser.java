package dev.samtykke.scanner.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.scanner.PageVisit;
import dev.samtykke.scanner.SeenCookie;
import dev.samtykke.scanner.VisitState;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * A headless Chromium that visits pages, each visit in a fresh browser context of its own
 * ({@code Target.createBrowserContext}: an off-the-record profile that shares no cookies, storage,
 * cache or service workers with any other visit, disposed of afterwards). The browser's own profile
 * directory is a fresh temporary one, deleted on {@link #close()}. Requests are read from ChromeDriver's performance log ({@code Network.requestWillBeSent}),
 * cookies of every party through the DevTools command {@code Storage.getCookies}: neither needs a
 * version-matched devtools artifact.
 */
public final class Browser implements AutoCloseable {

    /** The site's own banner: the first layer's buttons are "Accept all", "Reject all", "Settings", in that order. */
    static final By FIRST_LAYER = By.cssSelector(".sk-1[role=dialog]");
    static final By BUTTONS = By.cssSelector(".sk-1[role=dialog] .sk-bs button.sk-b");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long a page may take to show its banner before the decision is made on the start page instead. */
    private static final Duration BANNER_HERE = Duration.ofSeconds(3);
    /** Selenium warns on every start that it has no CDP classes for this Chromium: the scanner needs none. */
    private static final java.util.logging.Logger CDP_FINDER = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_FINDER.setLevel(Level.SEVERE);
    }

    private final List<String> pending = new ArrayList<>();
    private final ChromeDriver driver;
    private final Path profile;
    private final Duration budget;
    private final Map<String, String> headers;
    private final Map<String, String> cookies;
    private final String cookieUrl;
    private final String home;
    private final BrowserEndpoint endpoint;
    private String context;
    private Instant deadline;

    private Browser(ChromeDriver driver, Path profile, Duration budget, Map<String, String> headers,
                    Map<String, String> cookies, String cookieUrl) {
        this.driver = driver;
        this.profile = profile;
        this.budget = budget;
        this.headers = Map.copyOf(headers);
        this.cookies = Map.copyOf(cookies);
        this.cookieUrl = cookieUrl;
        this.home = driver.getWindowHandle();
        Object chrome = driver.getCapabilities().getCapability("goog:chromeOptions");
        Object address = chrome instanceof Map<?, ?> m ? m.get("debuggerAddress") : null;
        if (address == null) {
            throw new IllegalStateException("ChromeDriver did not report the browser's debuggerAddress");
        }
        this.endpoint = BrowserEndpoint.connect(String.valueOf(address));
    }

    /**
     * Starts a browser with a fresh profile.
     *
     * @param chromium the Chromium binary
     * @param chromedriver the ChromeDriver binary
     * @param budget the time a page visit may take
     * @param headers extra request headers for every request
     * @param cookies extra cookies, set for {@code cookieUrl}
     * @param cookieUrl the URL the extra cookies are set for
     * @return the browser
     */
    public static Browser start(Path chromium, Path chromedriver, Duration budget, Map<String, String> headers,
                                Map<String, String> cookies, String cookieUrl) {
        Path profile;
        try {
            profile = Files.createTempDirectory("samtykke-scan-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,800", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
        try {
            driver.manage().timeouts().pageLoadTimeout(budget).scriptTimeout(budget);
            return new Browser(driver, profile, budget, headers, cookies, cookieUrl);
        } catch (RuntimeException e) {
            driver.quit();
            delete(profile);
            throw e;
        }
    }

    /**
     * Visits a page in a consent state, in a fresh browser context of its own (with the extra headers
     * and cookies): loads it; for {@code rejected} and {@code accepted} clicks the
     * banner's button (on this page, or on {@code decideAt} when this page shows no banner, e.g. a JSON
     * resource), then loads the page again; and records what the browser holds.
     *
     * @param url the page
     * @param state the state to visit it in
     * @param decideAt the page to decide on when {@code url} shows no banner (the first start URL)
     * @param links where to put the page's links (its {@code a[href]}), or {@code null}
     * @param screenshot whether to take a screenshot at the end
     * @return what the visit saw
     */
    public PageVisit visit(String url, VisitState state, String decideAt, List<String> links, boolean screenshot) {
        deadline = Instant.now().plus(budget);
        Set<String> before = driver.getWindowHandles();
        try {
            context = endpoint.send("Target.createBrowserContext", Map.of()).path("browserContextId").asText();
            endpoint.send("Target.createTarget", Map.of("url", "about:blank", "browserContextId", context));
            Set<String> handles = new LinkedHashSet<>(driver.getWindowHandles());
            handles.removeAll(before);
            if (handles.size() != 1) {
                throw new IllegalStateException("the new browser context's tab did not appear");
            }
            driver.switchTo().window(handles.iterator().next());
            if (!headers.isEmpty()) {
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
            }
            if (!cookies.isEmpty()) {
                List<Map<String, Object>> list = new ArrayList<>();
                cookies.forEach((name, value) -> list.add(Map.of("name", name, "value", value, "url", cookieUrl)));
                endpoint.send("Storage.setCookies", Map.of("cookies", list, "browserContextId", context));
            }
            readLog();
            pending.clear(); // what the browser did before this visit is not part of it
            return visitHere(url, state, decideAt, links, screenshot);
        } catch (RuntimeException e) {
            return PageVisit.failed(url, state, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse(""));
        } finally {
            endVisit(before);
        }
    }

    /** Closes the visit's tab and disposes of its browser context: nothing it stored outlives it. */
    private void endVisit(Set<String> before) {
        try {
            for (String handle : driver.getWindowHandles()) {
                if (!before.contains(handle)) {
                    driver.switchTo().window(handle).close();
                }
            }
        } catch (RuntimeException e) {
            // the context's disposal below closes whatever is left
        }
        driver.switchTo().window(home);
        if (context != null) {
            endpoint.send("Target.disposeBrowserContext", Map.of("browserContextId", context));
            context = null;
        }
    }

    private PageVisit visitHere(String url, VisitState state, String decideAt, List<String> links, boolean screenshot) {
        try {
            load(url);
            Set<String> hosts = new LinkedHashSet<>();
            Set<SeenCookie> sent = new LinkedHashSet<>();
            if (state == VisitState.NONE) {
                quiet();
                hosts.addAll(drainHosts(sent));
            } else {
                boolean here = decide(state, url.equals(decideAt) ? remaining() : BANNER_HERE);
                if (!here) {
                    load(decideAt);
                    decide(state, remaining());
                }
                drainHosts(new LinkedHashSet<>()); // requests before the decision belong to the "none" visit
                load(url); // again, now with the decision
                quiet();
                hosts.addAll(drainHosts(sent));
            }
            if (links != null) {
                @SuppressWarnings("unchecked")
                List<Object> hrefs = (List<Object>) js("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)");
                hrefs.forEach(h -> links.add(String.valueOf(h)));
            }
            @SuppressWarnings("unchecked")
            List<Object> local = (List<Object>) js("try { return Object.keys(window.localStorage); } catch (e) { return []; }");
            @SuppressWarnings("unchecked")
            List<Object> session = (List<Object>) js("try { return Object.keys(window.sessionStorage); } catch (e) { return []; }");
            byte[] png = screenshot ? driver.getScreenshotAs(OutputType.BYTES) : null;
            return new PageVisit(url, state, cookies(sent), strings(local), strings(session), hosts, null, png);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            if (state != VisitState.NONE && e instanceof org.openqa.selenium.TimeoutException) {
                message = "no consent banner with \"Accept all\" / \"Reject all\" buttons found on " + decideAt;
            }
            return PageVisit.failed(url, state, message);
        }
    }

    /**
     * Clicks "Accept all" or "Reject all" in the banner of the current page and waits until it has closed
     * and the page is quiet; {@code false} when no banner shows within {@code wait}.
     */
    private boolean decide(VisitState state, Duration wait) {
        List<WebElement> buttons;
        try {
            buttons = new WebDriverWait(driver, wait, POLL).until(d -> {
                List<WebElement> found = d.findElements(BUTTONS);
                return found.size() >= 2 && found.get(0).isDisplayed() ? found : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            if (wait == BANNER_HERE) {
                return false;
            }
            throw e;
        }
        buttons.get(state == VisitState.ACCEPTED ? 0 : 1).click();
        new WebDriverWait(driver, remaining(), POLL).until(ExpectedConditions.invisibilityOfElementLocated(FIRST_LAYER));
        quiet();
        return true;
    }

    /** Loads a page; Chromium's own error page (connection refused, no such host) is an error, as a thrown one is. */
    private void load(String url) {
        driver.get(url);
        String current = driver.getCurrentUrl();
        if (current != null && current.startsWith("chrome-error://")) {
            throw new IllegalStateException("cannot load " + url + " (Chromium shows its error page)");
        }
    }

    private Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ofMillis(1) : left;
    }

    /** Waits until the page has loaded and no request was started for {@link #QUIET}, within the page's budget. */
    private void quiet() {
        Instant quietSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            boolean started = readLog();
            if (started || !"complete".equals(js("return document.readyState"))) {
                quietSince = Instant.now();
            } else if (Duration.between(quietSince, Instant.now()).compareTo(QUIET) >= 0) {
                return;
            }
            sleep(50);
        }
    }


    /** Moves new performance-log entries to {@link #pending}; whether a request was started. */
    private boolean readLog() {
        boolean started = false;
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String message = entry.getMessage();
            if (message.contains("\"Network.requestWillBeSent\"")) {
                pending.add(message);
                started = true;
            } else if (message.contains("\"Network.requestWillBeSentExtraInfo\"")) {
                pending.add(message); // the cookies a request carried
            }
        }
        return started;
    }

    /**
     * The hosts of the requests logged since the last drain; and, into {@code sent}, the cookies those requests
     * carried. A cookie a script set and the server then expired (Samtykke's filter expires a cookie set before
     * consent) is gone by the end of the visit, but the request that carried it proves it was there.
     */
    private Set<String> drainHosts(Set<SeenCookie> sent) {
        readLog();
        Set<String> hosts = new LinkedHashSet<>();
        for (String message : pending) {
            try {
                JsonNode event = JSON.readTree(message).path("message");
                if ("Network.requestWillBeSentExtraInfo".equals(event.path("method").asText())) {
                    for (JsonNode associated : event.path("params").path("associatedCookies")) {
                        JsonNode c = associated.path("cookie");
                        if (associated.path("blockedReasons").isEmpty() && !c.path("name").asText().isEmpty()) {
                            sent.add(new SeenCookie(c.path("name").asText(), c.path("domain").asText(),
                                    c.path("httpOnly").asBoolean()));
                        }
                    }
                    continue;
                }
                JsonNode url = event.path("params").path("request").path("url");
                URI uri = URI.create(url.asText());
                if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())
                        || "ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))) {
                    hosts.add(uri.getHost().toLowerCase(Locale.ROOT));
                }
            } catch (JacksonException | IllegalArgumentException e) {
                // a request URL Java does not parse (data:, blob:, …) has no host to report
            }
        }
        pending.clear();
        return hosts;
    }

    /** The cookies the browser holds at the end of the visit, and those its requests carried during it. */
    private List<SeenCookie> cookies(Set<SeenCookie> sent) {
        Set<SeenCookie> held = new LinkedHashSet<>();
        for (JsonNode c : endpoint.send("Storage.getCookies", Map.of("browserContextId", context)).path("cookies")) {
            held.add(new SeenCookie(c.path("name").asText(), c.path("domain").asText(), c.path("httpOnly").asBoolean()));
        }
        List<SeenCookie> cookies = new ArrayList<>(held);
        for (SeenCookie c : sent) {
            if (held.stream().noneMatch(h -> h.name().equals(c.name()) && h.domain().equals(c.domain()))) {
                cookies.add(c);
            }
        }
        cookies.sort(Comparator.comparing(SeenCookie::name).thenComparing(SeenCookie::domain));
        return cookies;
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static List<String> strings(List<Object> values) {
        return values == null ? List.of() : values.stream().map(String::valueOf).sorted().toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            endpoint.close();
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a profile left in the temp directory is harmless
        }
    }
}
