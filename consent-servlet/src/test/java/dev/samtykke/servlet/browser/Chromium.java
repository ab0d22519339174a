package dev.samtykke.servlet.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and ChromeDriver for the banner tests. The binaries come from
 * {@code SAMTYKKE_TEST_CHROMIUM} / {@code SAMTYKKE_TEST_CHROMEDRIVER} (set by {@code .ci/run}) or
 * {@code /usr/bin}; nothing is ever downloaded. Every browser starts with a fresh profile and its own
 * ChromeDriver; a {@link #session} is reused within a test class and cleared of cookies between tests.
 */
final class Chromium implements AutoCloseable {

    private static final String CHROMIUM_ENV = "SAMTYKKE_TEST_CHROMIUM";
    private static final String DRIVER_ENV = "SAMTYKKE_TEST_CHROMEDRIVER";

    private final Path binary;
    private final Path driver;
    private final List<Path> profiles = new ArrayList<>();
    private final Map<String, ChromeDriver> sessions = new HashMap<>();

    private Chromium(Path binary, Path driver) {
        this.binary = binary;
        this.driver = driver;
    }

    /**
     * Finds the browser, or skips the calling test class with a visible message when neither the
     * environment names a browser nor Debian's packages are installed. A browser named by the
     * environment but missing is an error, not a skip.
     */
    static Chromium startOrSkip() {
        Path binary = locate(CHROMIUM_ENV, "/usr/bin/chromium");
        Path driver = locate(DRIVER_ENV, "/usr/bin/chromedriver");
        if (binary == null || driver == null) {
            String message = "Browser tests SKIPPED: no Chromium/ChromeDriver (set " + CHROMIUM_ENV + " and " + DRIVER_ENV
                    + ", or apt-get install chromium chromium-driver). .ci/check-required-tests fails CI on this.";
            System.err.println(message);
            assumeTrue(false, message);
        }
        return new Chromium(binary, driver);
    }

    private static Path locate(String env, String fallback) {
        String named = System.getenv(env);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(env + "=" + named + " is not an executable file");
            }
            return path;
        }
        Path path = Path.of(fallback);
        return Files.isExecutable(path) ? path : null;
    }

    /**
     * A browser whose preferred language is {@code language}, kept open for the test class and reset
     * for each use: no cookies, a 1280x800 window, no emulated viewport or media features.
     */
    ChromeDriver session(String language) {
        ChromeDriver driver = sessions.get(language);
        if (driver == null) {
            driver = open(language, Map.of());
            sessions.put(language, driver);
            return driver;
        }
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        driver.manage().window().setSize(new Dimension(1280, 800));
        return driver;
    }

    /**
     * A new headless browser with a fresh profile and extra Chromium preferences (e.g. JavaScript
     * switched off); the caller quits it.
     */
    ChromeDriver open(String language, Map<String, Object> preferences) {
        Path profile;
        try {
            profile = Files.createTempDirectory("samtykke-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,800",
                "--lang=" + language, "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>(preferences);
        prefs.put("intl.accept_languages", language);
        options.setExperimentalOption("prefs", prefs);
        // The driver owns its service: quitting the driver stops this ChromeDriver process too.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @Override
    public void close() {
        sessions.values().forEach(ChromeDriver::quit);
        for (Path profile : profiles) {
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            System.err.println("could not delete browser profile " + directory + ": " + e);
        }
    }
}
