package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The Jackon AS reference policy (examples/policy) models the privacy policy text completely. */
class ReferencePolicyTest {

    private static final Locale NB = Locale.forLanguageTag("nb");
    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");

    @Test
    void jsonAndYamlLoadToEqualPolicies() {
        ConsentPolicy yaml = PolicyLoader.fromClasspath("policies/jackon.yaml");

        assertThat(yaml).isEqualTo(JACKON);
        assertThat(yaml.hashCode()).isEqualTo(JACKON.hashCode());
        assertThat(yaml.toString()).isEqualTo("ConsentPolicy[jackon 1.0, 6 purposes, 4 services]");
    }

    @Test
    void isNorwegianFirstAndEnglish() {
        assertThat(JACKON.id()).isEqualTo("jackon");
        assertThat(JACKON.version()).isEqualTo(new PolicyVersion(1, 0));
        assertThat(JACKON.defaultLocale()).isEqualTo(NB);
        assertThat(JACKON.locales()).containsExactly(NB, Locale.ENGLISH);
        assertThat(JACKON.title().get(NB)).isEqualTo("Personvernerklæring, nettbasert behandling av personopplysninger");
        assertThat(JACKON.noticeUrl().get(NB)).isEqualTo("/personvern");
        assertThat(JACKON.noticeUrl().get(Locale.ENGLISH)).isEqualTo("/en/privacy");
        assertThat(JACKON.banner().title().get(NB)).isEqualTo("Jackon bruker informasjonskapsler");
        assertThat(JACKON.banner().text().get(Locale.ENGLISH)).startsWith("Some cookies are needed");
        assertThat(JACKON.consentLifetime()).isEqualTo(TimeSpan.parse("P12M"));
        assertThat(JACKON.refusalLifetime()).isEqualTo(TimeSpan.parse("P6M"));
    }

    @Test
    void namesTheControllerAndDatatilsynet() {
        Controller controller = JACKON.controller();

        assertThat(controller.name()).isEqualTo("Jackon AS");
        assertThat(controller.supervisoryAuthority().name().get(NB)).isEqualTo("Datatilsynet");
        assertThat(controller.supervisoryAuthority().contact().url()).isEqualTo("https://www.datatilsynet.no");
        assertThat(JACKON.jurisdiction()).isEqualTo("NO");
    }

    @Test
    void listsEveryPurposeOfTheTextWithAFittingLegalBasis() {
        assertThat(JACKON.purposes()).extracting(Purpose::id, Purpose::category, Purpose::legalBasis, Purpose::gpcOptOut)
                .containsExactly(
                        tuple("requested-content", "necessary", LegalBasis.CONTRACT, false),
                        tuple("analytics", "analytics", LegalBasis.CONSENT, true),
                        tuple("marketing", "marketing", LegalBasis.CONSENT, true),
                        tuple("sales-contact", "marketing", LegalBasis.LEGITIMATE_INTEREST, false),
                        tuple("security", "necessary", LegalBasis.LEGITIMATE_INTEREST, false),
                        tuple("legal-obligations", "necessary", LegalBasis.LEGAL_OBLIGATION, false));
        assertThat(JACKON.consentPurposes()).extracting(Purpose::id).containsExactly("analytics", "marketing");
        assertThat(JACKON.purpose("requested-content").orElseThrow().channels()).containsExactly("forms");
        assertThat(JACKON.purpose("analytics").orElseThrow().channels()).containsExactly("cookies");
    }

    @Test
    void listsTheDataCategoriesChannelsRightsAndProcessorsOfTheText() {
        assertThat(JACKON.dataCategories()).extracting(d -> d.title().get(NB)).containsExactly(
                "Navn på kontaktperson", "E-postadresse", "Telefonnummer", "Postnummer", "Firmanavn",
                "Firmaadresse/fakturaadresse", "Enhets- og bruksdata");
        assertThat(JACKON.channels()).extracting(CollectionChannel::id).containsExactly("cookies", "forms");
        assertThat(JACKON.channels().get(1).description().get(NB)).contains("kontakt- eller henvendelsesskjemaet", "e-guide");
        assertThat(JACKON.rights()).containsExactly(DataSubjectRight.ACCESS, DataSubjectRight.RECTIFICATION,
                DataSubjectRight.ERASURE, DataSubjectRight.WITHDRAW_CONSENT, DataSubjectRight.RESTRICTION, DataSubjectRight.COMPLAINT);
        assertThat(JACKON.processors()).singleElement().satisfies(p -> {
            assertThat(p.name().get(Locale.ENGLISH)).isEqualTo("Sub-contractors");
            assertThat(p.description().get(NB)).contains("deles IKKE med utenforstående tredjeparter", "lovbestemte tilfeller");
        });
    }

    @Test
    void declaresIllustrativeServicesWithRealCookies() {
        assertThat(JACKON.services()).allMatch(Service::illustrative);
        assertThat(JACKON.services()).flatExtracting(Service::cookies)
                .extracting(CookieDeclaration::name, c -> c.duration().iso(), CookieDeclaration::party)
                .containsExactly(
                        tuple("JSESSIONID", "session", CookieParty.FIRST),
                        tuple("consent", "P12M", CookieParty.FIRST),
                        tuple("_ga", "P2Y", CookieParty.FIRST),
                        tuple("_ga_*", "P2Y", CookieParty.FIRST),
                        tuple("_fbp", "P3M", CookieParty.FIRST),
                        tuple("_fbc", "P3M", CookieParty.FIRST));
        assertThat(JACKON.service("google-analytics").orElseThrow().consentModeTypes())
                .containsExactly(ConsentModeType.ANALYTICS_STORAGE);
        assertThat(JACKON.service("meta-pixel").orElseThrow().consentModeTypes())
                .containsExactly(ConsentModeType.AD_STORAGE, ConsentModeType.AD_USER_DATA, ConsentModeType.AD_PERSONALIZATION);
        assertThat(JACKON.cookie("consent").orElseThrow().purposes())
                .allMatch(id -> JACKON.purpose(id).orElseThrow().category().equals(Category.NECESSARY));
    }

    @Test
    void legitimateInterestPurposesSetNoCookiesOutsideNecessary() {
        for (Purpose purpose : JACKON.purposes()) {
            if (!purpose.requiresConsent() && !purpose.category().equals(Category.NECESSARY)) {
                assertThat(JACKON.servicesFor(purpose.id())).as(purpose.id()).allMatch(s -> s.cookies().isEmpty());
            }
        }
    }

    @Test
    void everyTextExistsInBothLanguages() {
        assertThat(PolicyValidator.validate(JACKON)).isEmpty();
        for (Purpose purpose : JACKON.purposes()) {
            assertThat(purpose.title().has("nb") && purpose.title().has("en")).as(purpose.id()).isTrue();
            assertThat(purpose.description().get(NB)).isNotEqualTo(purpose.description().get(Locale.ENGLISH));
        }
    }
}
