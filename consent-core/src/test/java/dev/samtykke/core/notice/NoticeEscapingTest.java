package dev.samtykke.core.notice;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.PolicyValidationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every value taken from the policy file is escaped: markup and script in the file show as text. */
class NoticeEscapingTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    /**
     * A valid policy with markup in every free-text field, links with characters to escape, and Markdown syntax.
     * (Links with other schemes or markup are refused by the loader: {@link #hostileLinksDoNotLoad()}.)
     */
    static final String HOSTILE = """
            {
              "id": "evil", "version": "1.0", "defaultLocale": "en", "locales": ["en"],
              "title": "Notice <script>alert(1)</script>",
              "controller": {
                "name": "Evil & Co <b>bold</b>",
                "organisationNumber": "<i>123</i>",
                "contact": {"email": "x@evil.example\\" onmouseover=\\"alert(1)", "phone": "<script>alert(1)</script>",
                            "address": "Street 1 <img src=x onerror=alert(1)>",
                            "url": "https://evil.example/?a=1&b='x'"},
                "supervisoryAuthority": {"name": "Authority <script>alert(1)</script>",
                                         "contact": {"url": "https://dpa.example/?q=%22%3E%3Cscript%3E"}}
              },
              "rights": ["access", "complaint"],
              "categories": [{"id": "necessary", "title": "Necessary"},
                             {"id": "analytics", "title": "Analytics <script>alert(1)</script>", "description": "<style>*{}</style>"}],
              "dataCategories": [{"id": "device", "title": "<svg onload=alert(1)>", "description": "'quotes' & \\"double\\""}],
              "channels": [{"id": "web", "title": "[link](javascript:alert(1))", "description": "![img](https://evil.example/x.png)"}],
              "purposes": [
                {"id": "stats", "category": "analytics", "legalBasis": "consent", "title": "<script>alert(1)</script>",
                 "description": "# Heading\\n- item\\n1. one\\n| a | b |\\n<div onclick=\\"x\\">*em* _u_ `code` &amp;</div>\\n\\n===",
                 "dataCategories": ["device"], "channels": ["web"], "retention": "P13M"}
              ],
              "services": [
                {"id": "tracker", "name": "<img src=x onerror=alert(1)>",
                 "provider": {"name": "</td></tr></table><script>alert(1)</script>", "country": "<b>XX</b>",
                              "privacyPolicyUrl": "https://tracker.example/privacy?x='y'&z=1"},
                 "description": "<iframe src=\\"https://evil.example\\"></iframe>",
                 "purposes": ["stats"],
                 "cookies": [{"name": "_t", "party": "third", "duration": "P1Y", "domain": "<b>evil.example</b>",
                              "description": "| pipe | <script>alert(1)</script>"}]}
              ],
              "processors": [{"id": "p", "name": "<script>alert(1)</script>", "description": "<b>d</b>", "location": "<i>US</i>"}]
            }
            """;

    private static final Set<String> HTML_TAGS = Set.of("section", "h2", "h3", "h4", "p", "br", "dl", "dt", "dd", "ul", "li",
            "strong", "a", "table", "thead", "tbody", "tr", "th", "td");
    private static final Set<String> HTML_ATTRIBUTES = Set.of("class", "lang", "id", "href", "scope");
    private static final Pattern TAG = Pattern.compile("<(/?)([^\\s>/]+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s*([^\\s=]+)=\"([^\"]*)\"");

    private final ConsentPolicy policy = PolicyLoader.fromString(HOSTILE, PolicyLoader.Format.JSON, "hostile.json");

    @Test
    void htmlContainsOnlyTheRenderersOwnMarkup() {
        String html = NoticeRenderer.html(policy, Locale.ENGLISH);

        List<String> hrefs = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        int tags = 0;
        while (tag.find()) {
            tags++;
            assertThat(HTML_TAGS).as("tag in %s", tag.group()).contains(tag.group(2));
            String attributes = tag.group(3);
            Matcher attribute = ATTRIBUTE.matcher(attributes);
            int end = 0;
            while (attribute.find()) {
                assertThat(attribute.start()).as("attributes of %s", tag.group()).isEqualTo(end);
                end = attribute.end();
                assertThat(HTML_ATTRIBUTES).as("attribute in %s", tag.group()).contains(attribute.group(1));
                if (attribute.group(1).equals("href")) {
                    hrefs.add(attribute.group(2));
                }
            }
            assertThat(attributes.substring(end)).as("attributes of %s", tag.group()).isBlank();
        }
        assertThat(tags).isGreaterThan(50);
        assertThat(hrefs).allSatisfy(href -> assertThat(href).matches("(https?://|mailto:)[^<>\"' ]+"));
        assertThat(String.join(" ", hrefs)).doesNotContainIgnoringCase("javascript");
    }

    @Test
    void hostileLinksDoNotLoad() {
        String hostile = HOSTILE.replace("https://evil.example/?a=1&b='x'", "javascript:alert(document.cookie)")
                .replace("https://dpa.example/?q=%22%3E%3Cscript%3E", "https://dpa.example/\\\"><script>alert(1)</script>")
                .replace("https://tracker.example/privacy?x='y'&z=1", "javascript:alert(1)");

        assertThatThrownBy(() -> PolicyLoader.fromString(hostile, PolicyLoader.Format.JSON, "hostile.json"))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("controller.contact.url: invalid URL")
                .hasMessageContaining("controller.supervisoryAuthority.contact.url: invalid URL")
                .hasMessageContaining("services[0].provider.privacyPolicyUrl: invalid URL");
    }

    @Test
    void htmlShowsTheMarkupAsText() {
        String html = NoticeRenderer.html(policy, Locale.ENGLISH);

        assertThat(html)
                .doesNotContain("<script", "<img", "<svg", "<iframe", "<style", "<b>", "<i>", "<div", "href=\"javascript")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Evil &amp; Co &lt;b&gt;bold&lt;/b&gt;")
                .contains("&#39;quotes&#39; &amp; &quot;double&quot;")
                .contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;")
                .contains("x@evil.example&quot; onmouseover=&quot;alert(1)");
    }

    @Test
    void markdownEscapesInlineSyntaxHtmlAndBlockStarts() {
        String md = NoticeRenderer.markdown(policy, Locale.ENGLISH);

        // Every '<' is escaped, except the renderer's own link destinations "](<https://…>)".
        Matcher lessThan = Pattern.compile("(?<!\\\\)<").matcher(md);
        while (lessThan.find()) {
            assertThat(md.substring(Math.max(0, lessThan.start() - 2), lessThan.start())).isEqualTo("](");
            assertThat(md.substring(lessThan.start())).matches("(?s)<(https?://|mailto:)[^<>\\s\\\\]+>\\).*");
        }
        assertThat(md)
                .contains("\\<script\\>alert(1)\\</script\\>")
                .contains("\\[link\\](javascript:alert(1))")
                .contains("\\# Heading\\\n\\- item\\\n1\\. one\\\n\\| a \\| b \\|\\\n\\<div onclick=\"x\"\\>\\*em\\* \\_u\\_ \\`code\\` \\&amp;\\</div\\>")
                .contains("\\===")
                .contains("| \\| pipe \\| \\<script\\>alert(1)\\</script\\> |")
                .doesNotContain("(<javascript");
        // Each table row keeps its seven cells: no '|' from the file splits a cell.
        md.lines().filter(l -> l.startsWith("| _t") || l.startsWith("| \\_t"))
                .forEach(row -> assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(8));
    }
}
