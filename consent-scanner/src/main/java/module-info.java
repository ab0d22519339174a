/**
 * Samtykke's site scanner: crawls a running site in headless Chromium in three consent states and compares what
 * the browser holds with the policy.
 *
 * <p>Exports {@code dev.samtykke.scanner} only; {@code dev.samtykke.scanner.internal} is not exported.
 */
module dev.samtykke.scanner {
    requires transitive dev.samtykke.core;
    requires tools.jackson.databind;
    requires java.net.http;
    requires org.seleniumhq.selenium.api;
    requires org.seleniumhq.selenium.remote_driver;
    requires org.seleniumhq.selenium.chrome_driver;
    requires org.seleniumhq.selenium.chromium_driver;
    requires org.seleniumhq.selenium.support;

    exports dev.samtykke.scanner;
}
