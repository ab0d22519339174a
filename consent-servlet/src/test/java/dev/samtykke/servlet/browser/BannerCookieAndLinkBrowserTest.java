package dev.samtykke.servlet.browser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: the consent cookie is {@code HttpOnly} (no script of the page can read the bearer token
 * of {@code /consent/records}) while the banner still works from {@code GET /consent}; and the banner's own check
 * of a link before it goes into {@code href} agrees, in the browser's JavaScript engine, with the policy's link
 * rule on the shared list of allowed and refused links.
 */
class BannerCookieAndLinkBrowserTest extends BannerBrowserTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String resource(String name) throws IOException {
        try (InputStream in = BannerCookieAndLinkBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theConsentCookieIsHttpOnlyAndTheBannerNeedsNoScriptAccessToIt() {
        open("en", "/page?lang=en");
        browser.button(browser.firstLayer(), "Accept all").click();
        browser.waitRan("analyticsRan");

        Cookie cookie = browser.cookie("consent");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat((String) browser.js("return document.cookie")).doesNotContain("consent=");

        browser.driver.navigate().refresh();
        browser.waitRan("analyticsRan");
        assertThat(browser.bannerState()).containsEntry("needsPrompt", false);
    }

    @Test
    void theBannersLinkCheckAgreesWithThePolicyRule() throws IOException {
        String script = resource("dev/samtykke/servlet/assets/banner.js");
        Matcher m = Pattern.compile("const linkable = u => typeof u == 'string' && /(.*)/([a-z]*)\\.test\\(u\\);").matcher(script);
        assertThat(m.find()).as("the banner's link check").isTrue();
        JsonNode urls = JSON.readTree(resource("dev/samtykke/core/policy/urls.json"));
        List<String> allowed = new ArrayList<>();
        urls.get("allowed").forEach(u -> allowed.add(u.asString()));
        List<String> refused = new ArrayList<>();
        urls.get("refused").forEach(u -> refused.add(u.asString()));
        open("en", "/page?lang=en");

        Object wronglyRefused = browser.js("const re = new RegExp(arguments[0], arguments[1]);"
                + " return arguments[2].filter(u => !re.test(u));", m.group(1), m.group(2), allowed);
        Object wronglyAllowed = browser.js("const re = new RegExp(arguments[0], arguments[1]);"
                + " return arguments[2].filter(u => re.test(u));", m.group(1), m.group(2), refused);

        assertThat((List<?>) wronglyRefused).isEmpty();
        assertThat((List<?>) wronglyAllowed).isEmpty();
        assertThat(refused).contains("javascript:alert(1)", " javascript:alert(1)");
    }
}
