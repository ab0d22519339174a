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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and ChromeDriver for the banner tests. The binaries come from
 * {@code SAMTYKKE_TEST_CHROMIUM} / {@code SAMTYKKE_TEST_CHROMEDRIVER} (set by {@code .ci/run}) or
 * {@code /usr/bin}; nothing is ever downloaded. Each {@link #open} starts a browser with a fresh
 * profile and its own ChromeDriver, so no cookie or cache leaks from one test into the next.
 */
final class Chromium implements AutoCloseable {

    private static final String CHROMIUM_ENV = "SAMTYKKE_TEST_CHROMIUM";
    private static final String DRIVER_ENV = "SAMTYKKE_TEST_CHROMEDRIVER";

    private final Path binary;
    private final Path driver;
    private final List<Path> profiles = new ArrayList<>();

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

    /** A fresh headless browser window of 1280x800 whose preferred language is {@code language}. */
    ChromeDriver open(String language) {
        return open(language, Map.of());
    }

    /** A fresh headless browser with extra Chromium preferences (e.g. JavaScript switched off). */
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
