package dev.samtykke.core.notice;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeRendererTest {

    private static final Locale NB = Locale.forLanguageTag("nb");

    private final ConsentPolicy shop = PolicyLoader.fromClasspath("diff/base.json");

    @Test
    void rendersEachLocaleWithItsTextsAndLabels() {
        String nb = NoticeRenderer.html(shop, NB);
        String en = NoticeRenderer.html(shop, Locale.ENGLISH);

        assertThat(nb).startsWith("<section class=\"samtykke-notice\" lang=\"nb\">\n").endsWith("</section>\n")
                .contains("<h2 id=\"samtykke-notice\">Personvern i Butikken</h2>", "<dt>Lagringstid</dt><dd>13 måneder</dd>",
                        "Samtykke (personvernforordningen artikkel 6 nr. 1 bokstav a)");
        assertThat(en).startsWith("<section class=\"samtykke-notice\" lang=\"en\">\n")
                .contains("<h2 id=\"samtykke-notice\">Privacy at the Shop</h2>", "<dt>Retention</dt><dd>13 months</dd>",
                        "Consent (GDPR Article 6(1)(a))");
    }

    @Test
    void disclosesCookiesWithServiceProviderPurposeDurationAndParty() {
        String html = NoticeRenderer.html(shop, Locale.ENGLISH);
        String md = NoticeRenderer.markdown(shop, NB);

        assertThat(html).contains("<tr><td>IDE</td><td>Google Ads</td><td>Google Ireland Limited</td><td>Analytics, Marketing</td>"
                + "<td>13 months</td><td>Third party (doubleclick.net)</td><td></td></tr>");
        assertThat(html).contains("<tr><td>JSESSIONID</td><td>Shop session</td><td>Butikken AS</td><td>Security</td><td>Session</td>");
        assertThat(md).contains("| \\_ga | Google Analytics 4 | Google Ireland Limited | Analyse | 2 år | Førstepart | Skiller brukere. |");
    }

    @Test
    void disclosesControllerProcessorsRightsAndAuthority() {
        String md = NoticeRenderer.markdown(shop, Locale.ENGLISH);

        assertThat(md).contains("- **Organisation number:** 999 999 999",
                "- **Email:** [personvern@butikken.example](<mailto:personvern@butikken.example>)",
                "| Hosting provider |  | EEA | All purposes |",
                "| Acme CRM |  | EEA | Marketing |",
                "- to lodge a complaint with Datatilsynet",
                "We remember your consent for 12 months and a refusal for 6 months");
        assertThat(md).startsWith("## Privacy at the Shop\n\nVersion 1.0\n\n").endsWith("](<https://www.datatilsynet.no>)\n");
    }

    @Test
    void listsPurposesByCategoryWithDataCategoriesAndServices() {
        String md = NoticeRenderer.markdown(shop, Locale.ENGLISH);

        assertThat(md).containsSubsequence("#### Security", "#### Analytics", "#### Research", "#### Marketing");
        assertThat(md).contains("- **Personal data:** Device data, Usage data\n- **Collected through:** Cookies\n"
                + "- **Retention:** 13 months\n- **Services:** Google Analytics 4, Google Ads\n"
                + "- **Global Privacy Control:** Declined when your browser sends the signal\n");
    }

    @Test
    void resolvesTheRequestedLocaleToOneOfThePolicys() {
        assertThat(NoticeRenderer.resolveLocale(shop, Locale.forLanguageTag("nb-NO"))).isEqualTo(NB);
        assertThat(NoticeRenderer.resolveLocale(shop, Locale.forLanguageTag("en-GB"))).isEqualTo(Locale.ENGLISH);
        assertThat(NoticeRenderer.resolveLocale(shop, Locale.GERMAN)).isEqualTo(NB);
        assertThat(NoticeRenderer.html(shop, Locale.GERMAN)).isEqualTo(NoticeRenderer.html(shop, NB));
    }

    @Test
    void readsLabelsInEnglishForALocaleWithoutBuiltInLabels() {
        ConsentPolicy german = PolicyLoader.fromString("""
                {"id": "de", "version": "2.3", "defaultLocale": "de", "locales": ["de"],
                 "controller": {"name": "Laden GmbH", "supervisoryAuthority": {"name": "BfDI"}},
                 "categories": [{"id": "necessary", "title": "Notwendig"}],
                 "purposes": [{"id": "betrieb", "category": "necessary", "legalBasis": "contract", "title": "Betrieb",
                   "description": "Erster Absatz.\\n\\nZweiter Absatz.", "dataCategories": [], "retention": "P1Y"}]}
                """, PolicyLoader.Format.JSON, "de.json");

        String html = NoticeRenderer.html(german, Locale.GERMAN);

        assertThat(html).contains("lang=\"de\"", "<h2 id=\"samtykke-notice\">Privacy notice</h2>", "<p>Version 2.3</p>",
                "<h4 id=\"samtykke-purpose-betrieb\">Betrieb</h4>\n<p>Erster Absatz.</p>\n<p>Zweiter Absatz.</p>",
                "<dt>Retention</dt><dd>1 year</dd>", "<p>We use no cookies.</p>");
        assertThat(html).doesNotContain("samtykke-consent", "samtykke-rights", "samtykke-processors", "samtykke-services");
    }

    @Test
    void isDeterministic() {
        assertThat(NoticeRenderer.markdown(shop, NB)).isEqualTo(NoticeRenderer.markdown(PolicyLoader.fromClasspath("diff/base.json"), NB));
    }

    @Test
    void acceptsFormatNames() {
        assertThat(NoticeFormat.fromId("html")).contains(NoticeFormat.HTML);
        assertThat(NoticeFormat.fromId("MD")).contains(NoticeFormat.MARKDOWN);
        assertThat(NoticeFormat.fromId("markdown")).contains(NoticeFormat.MARKDOWN);
        assertThat(NoticeFormat.fromId("pdf")).isEmpty();
        assertThat(NoticeRenderer.render(shop, NB, NoticeFormat.MARKDOWN)).isEqualTo(NoticeRenderer.markdown(shop, NB));
    }
}
