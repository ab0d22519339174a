package dev.samtykke.servlet.browser;

import static dev.samtykke.servlet.browser.BannerDriver.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Provider;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Choice per service in a real Chromium: the reference policy with its consent-based purposes asking per service and a
 * second analytics service (Matomo), so the settings layer shows a switch per service beneath each purpose; the choice
 * is recorded, carried by the cookie and shown again; the layer passes the axe audit.
 */
class BannerServiceChoiceBrowserTest {

    private static final Path AXE = Path.of("src/test/js/node_modules/axe-core/axe.min.js");
    private static Chromium chromium;
    private static BannerSite site;
    private BannerDriver browser;

    static ConsentPolicy perService() {
        ConsentPolicy jackon = BannerSite.POLICY;
        List<Service> services = new ArrayList<>(jackon.services());
        services.add(new Service("matomo", "Matomo", new Provider("InnoCraft Ltd", "NZ", null), null, List.of("analytics"),
                null, null, false, null));
        return jackon.toBuilder().purposes(jackon.purposes().stream().map(p -> p.requiresConsent()
                ? new Purpose(p.id(), p.category(), p.legalBasis(), p.title(), p.description(), p.dataCategories(),
                        p.channels(), p.retention(), p.gpcOptOut(), p.objectable(), true) : p).toList())
                .services(services).build();
    }

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.startOrSkip();
        site = BannerSite.start(perService());
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theVisitorRefusesOneServiceBeneathAGrantedPurpose() {
        browser = new BannerDriver(chromium.session("en")).get(site.url("/page?lang=en"));
        browser.button(browser.firstLayer(), "Settings").click();
        WebElement settings = browser.settings();
        WebElement analytics = browser.switchFor(settings, "Improving and developing our services");

        assertThat(browser.switchFor(settings, "Google Analytics 4").isSelected()).as("nothing pre-ticked").isFalse();
        assertThat(browser.switchFor(settings, "Matomo").isSelected()).isFalse();
        analytics.click();
        assertThat(browser.switchFor(settings, "Google Analytics 4").isSelected()).as("the purpose turns its services on").isTrue();
        assertThat(browser.switchFor(settings, "Matomo").isSelected()).isTrue();
        browser.switchFor(settings, "Matomo").click();
        assertThat(analytics.isSelected()).as("on while one service is").isTrue();
        assertThat(browser.js("return arguments[0].indeterminate", analytics)).isEqualTo(true);
        assertThat(browser.switchFor(settings, "Analytics").isSelected()).isTrue();
        browser.button(settings, "Save choices").click();
        browser.waitGone(SETTINGS);

        browser.waitRan("analyticsRan");
        @SuppressWarnings("unchecked")
        List<Object> allowed = (List<Object>) browser.bannerState().get("services");
        assertThat(allowed).contains("google-analytics").doesNotContain("matomo", "meta-pixel");
        List<Map<String, Boolean>> grants = site.ledgerGrants(browser.cookie("consent").getValue());
        assertThat(grants).singleElement().satisfies(g -> assertThat(g).containsEntry("analytics", true)
                .containsEntry("analytics/google-analytics", true).containsEntry("analytics/matomo", false)
                .containsEntry("marketing", false).containsEntry("marketing/meta-pixel", false));

        browser.driver.navigate().refresh();
        browser.control().click();
        settings = browser.settings();
        assertThat(browser.switchFor(settings, "Google Analytics 4").isSelected()).as("shown again").isTrue();
        assertThat(browser.switchFor(settings, "Matomo").isSelected()).isFalse();
        assertThat(browser.js("return arguments[0].indeterminate",
                browser.switchFor(settings, "Improving and developing our services"))).isEqualTo(true);
    }

    @Test
    void theSettingsLayerWithServiceSwitchesHasNoSeriousOrCriticalAccessibilityViolation() throws Exception {
        assumeTrue(Files.isRegularFile(AXE), "axe-core is missing: run .ci/install-test-tools (npm ci)");
        browser = new BannerDriver(chromium.session("nb")).get(site.url("/page?lang=nb"));
        browser.button(browser.firstLayer(), "Innstillinger").click();
        browser.settings();
        browser.settle();

        browser.js(Files.readString(AXE, StandardCharsets.UTF_8));
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object result = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document.querySelector('.sk')).then(r => done(JSON.stringify(r.violations"
                + ".filter(v => v.impact == 'serious' || v.impact == 'critical').map(v => v.id + ' ' + v.help))),"
                + " e => done('axe failed: ' + e))");
        JsonNode serious = new ObjectMapper().readTree((String) result);

        assertThat(serious.isArray()).as("axe ran: %s", result).isTrue();
        assertThat(serious.valueStream().map(JsonNode::asString).toList()).as("serious or critical axe violations").isEmpty();
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(".sk-2 input[data-s]"))).hasSize(3);
    }
}
