package dev.samtykke.benchmarks.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Measures one first visit of one tool's page in a fresh browser: DevTools throttles the CPU 4x
 * ({@code Emulation.setCPUThrottlingRate}) and collects main-thread metrics ({@code Performance.getMetrics});
 * the probe ({@code bench/browser/probe.js}, injected before the page's scripts) records when the first layer
 * is visible and interactive and every layout shift; Resource Timing gives the bytes.
 */
final class PageLoad {

    /** CPU slow-down, as DevTools' "4x slowdown". */
    static final int CPU_THROTTLING = 4;

    /** How long after the first layer is interactive the page is watched for more requests and layout shifts. */
    static final long SETTLE_MS = 1000;

    private static final Duration TIME_OUT = Duration.ofSeconds(30);
    private static final String PROBE = read("bench/browser/probe.js");

    private PageLoad() {
    }

    static LoadResult measure(ChromiumLauncher chromium, BenchSite site, BannerTool tool) throws IOException {
        try (ChromiumLauncher.Session session = chromium.open()) {
            ChromeDriver driver = session.driver();
            driver.manage().timeouts().scriptTimeout(TIME_OUT).pageLoadTimeout(TIME_OUT);
            driver.executeCdpCommand("Performance.enable", Map.of());
            driver.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", CPU_THROTTLING));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE
                    .replace("__LAYER__", jsString(tool.layer()))
                    .replace("__ACCEPT__", jsString(tool.accept()))));

            driver.get(site.url(tool));
            boolean detected;
            try {
                driver.executeAsyncScript("const done = arguments[arguments.length - 1]; window.__bench.ready.then(() => done(true));");
                detected = true;
            } catch (ScriptTimeoutException e) {
                detected = false;
            }
            // Read at once: the metrics are cumulative, so whatever runs later would count too.
            Map<String, Double> metrics = metrics(driver);
            driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + " const end = (window.__bench.interactiveAt || performance.now()) + arguments[0];"
                    + " setTimeout(done, Math.max(0, end - performance.now()));", SETTLE_MS);
            return result(tool, detected, metrics, collect(driver));
        }
    }

    private static Map<String, Double> metrics(ChromeDriver driver) {
        Map<String, Double> values = new HashMap<>();
        Object metrics = driver.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
        for (Object metric : (List<?>) metrics) {
            Map<?, ?> m = (Map<?, ?>) metric;
            values.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> collect(ChromeDriver driver) {
        return (Map<String, Object>) driver.executeScript("const b = window.__bench;"
                + " const nav = performance.getEntriesByType('navigation')[0];"
                + " return {dcl: nav.domContentLoadedEventStart, attachedAt: b.attachedAt, visibleAt: b.visibleAt, interactiveAt: b.interactiveAt, acceptText: b.detail,"
                + "  layoutShift: b.layoutShift, shiftSources: b.shifts.flatMap(s => s.sources), document: nav.encodedBodySize,"
                + "  resources: performance.getEntriesByType('resource').map(r => ({name: r.name, initiator: r.initiatorType,"
                + "   encoded: r.encodedBodySize, decoded: r.decodedBodySize, end: r.responseEnd}))};");
    }

    private static LoadResult result(BannerTool tool, boolean detected, Map<String, Double> metrics, Map<String, Object> page) {
        double dcl = number(page.get("dcl"));
        List<LoadResult.Resource> resources = new ArrayList<>();
        for (Object entry : (List<?>) page.get("resources")) {
            Map<?, ?> r = (Map<?, ?>) entry;
            resources.add(new LoadResult.Resource(URI.create((String) r.get("name")).getPath(), (String) r.get("initiator"),
                    (long) number(r.get("encoded")), (long) number(r.get("decoded")), number(r.get("end"))));
        }
        List<String> sources = ((List<?>) page.get("shiftSources")).stream().map(String::valueOf).toList();
        return new LoadResult(tool, detected,
                detected ? metrics.getOrDefault("ScriptDuration", Double.NaN) * 1000 : Double.NaN,
                detected ? metrics.getOrDefault("TaskDuration", Double.NaN) * 1000 : Double.NaN,
                number(page.get("attachedAt")) - dcl,
                number(page.get("visibleAt")) - dcl,
                detected ? number(page.get("interactiveAt")) - dcl : Double.NaN,
                detected ? number(page.get("interactiveAt")) : Double.NaN,
                String.valueOf(page.get("acceptText")),
                number(page.get("layoutShift")), sources, (long) number(page.get("document")), resources);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A selector as a JavaScript string literal (the selectors are constants of {@link BannerTool}). */
    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String read(String resource) {
        try (InputStream in = PageLoad.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
