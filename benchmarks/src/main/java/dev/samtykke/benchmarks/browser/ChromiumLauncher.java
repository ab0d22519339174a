package dev.samtykke.benchmarks.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and ChromeDriver, from {@code SAMTYKKE_TEST_CHROMIUM} /
 * {@code SAMTYKKE_TEST_CHROMEDRIVER} or {@code /usr/bin}; nothing is downloaded. Each {@link #open()} is
 * a new browser process with a fresh, empty profile (no cache, no cookies), as a first visit sees it.
 */
final class ChromiumLauncher {

    /**
     * Selenium warns on every start that it has no DevTools classes for this Chromium: the benchmark needs none
     * (it speaks DevTools through {@code executeCdpCommand}), so the warning is silenced. Held here so that
     * the logger's level is not garbage-collected.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    private final Path binary;
    private final Path driver;

    private ChromiumLauncher(Path binary, Path driver) {
        this.binary = binary;
        this.driver = driver;
    }

    /** The installed browser, or {@code null} when neither the environment nor {@code /usr/bin} has one. */
    static ChromiumLauncher find() {
        Path binary = locate("SAMTYKKE_TEST_CHROMIUM", "/usr/bin/chromium");
        Path driver = locate("SAMTYKKE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        return binary == null || driver == null ? null : new ChromiumLauncher(binary, driver);
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

    /** A new headless browser at 1280x800 with a fresh profile; closing it quits it and deletes the profile. */
    Session open() throws IOException {
        Path profile = Files.createTempDirectory("samtykke-bench-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,800", "--lang=en",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Session(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    /** One browser and its profile directory. */
    record Session(ChromeDriver driver, Path profile) implements AutoCloseable {
        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                delete(profile);
            }
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
