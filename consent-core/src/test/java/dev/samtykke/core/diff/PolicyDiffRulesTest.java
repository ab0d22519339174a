package dev.samtykke.core.diff;

import tools.jackson.databind.node.ObjectNode;
import dev.samtykke.core.policy.ConsentPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.samtykke.core.diff.ChangeLevel.MAJOR;
import static dev.samtykke.core.diff.ChangeLevel.MINOR;
import static dev.samtykke.core.diff.PolicyEdits.entry;
import static dev.samtykke.core.diff.PolicyEdits.json;
import static dev.samtykke.core.diff.PolicyEdits.processor;
import static dev.samtykke.core.diff.PolicyEdits.purpose;
import static dev.samtykke.core.diff.PolicyEdits.removeEntry;
import static dev.samtykke.core.diff.PolicyEdits.removeValue;
import static dev.samtykke.core.diff.PolicyEdits.service;
import static dev.samtykke.core.diff.PolicyEdits.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario per rule, each diffed in both directions: base to edited, and edited back to base.
 * The base policy (diff/base.json) has consent-based purposes analytics and marketing, necessary
 * purpose security, and research (legitimate interest, no services); services session (security),
 * ga (analytics) and ads (analytics + marketing); processors hosting (all purposes) and crm (marketing).
 */
class PolicyDiffRulesTest {

    /**
     * @param name what the edit does
     * @param edit the edit applied to the base policy
     * @param forward the rule the edit triggers, at {@code path}
     * @param path where the forward difference is reported
     * @param forwardLevel the level of base to edited
     * @param reverse the rule undoing the edit triggers
     * @param reverseLevel the level of edited back to base
     */
    record Scenario(String name, Consumer<ObjectNode> edit, DiffRule forward, String path, ChangeLevel forwardLevel,
                    DiffRule reverse, ChangeLevel reverseLevel) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Set<DiffRule> SEEN = EnumSet.noneOf(DiffRule.class);

    static Stream<Scenario> scenarios() {
        return Stream.of(
                // --- MAJOR rules, and what undoing them is -------------------------------------------
                new Scenario("cookie added to a consent-based purpose's service",
                        t -> service(t, "ga").withArray("cookies").add(json("{\"name\": \"_gid\", \"party\": \"first\", \"duration\": \"P1D\"}")),
                        DiffRule.CONSENT_COOKIE_ADDED, "services[ga].cookies[_gid]", MAJOR, DiffRule.COOKIE_REMOVED, MINOR),
                new Scenario("new service serving a consent-based purpose",
                        t -> t.withArray("services").add(json("{\"id\": \"hotjar\", \"name\": \"Hotjar\", \"provider\": {\"name\": \"Hotjar Ltd\"},"
                                + " \"purposes\": [\"analytics\"], \"cookies\": [{\"name\": \"_hjSession_*\", \"party\": \"first\", \"duration\": \"PT30M\"}]}")),
                        DiffRule.CONSENT_SERVICE_ADDED, "services[hotjar]", MAJOR, DiffRule.SERVICE_REMOVED, MINOR),
                new Scenario("necessary service now also serves a consent-based purpose",
                        t -> service(t, "session").withArray("purposes").add("analytics"),
                        DiffRule.CONSENT_SERVICE_ADDED, "services[session].purposes[analytics]", MAJOR, DiffRule.SERVICE_CHANGED, MINOR),
                new Scenario("multi-purpose service drops a consent-based purpose (a grant of the other alone now allows it)",
                        t -> removeValue(service(t, "ads").withArray("purposes"), "marketing"),
                        // Undoing it gives the service a consent-based purpose it did not serve: MAJOR as well.
                        DiffRule.CONSENT_SERVICE_GATE_RELAXED, "services[ads].purposes[marketing]", MAJOR, DiffRule.CONSENT_SERVICE_ADDED, MAJOR),
                new Scenario("purpose removed that a multi-purpose service also served",
                        t -> {
                            removeEntry(t, "purposes", "marketing");
                            removeEntry(t, "processors", "crm");
                            removeValue(service(t, "ads").withArray("purposes"), "marketing");
                        },
                        // Putting it back adds a new consent-based purpose: the service now waits for it, nothing widens.
                        DiffRule.CONSENT_SERVICE_GATE_RELAXED, "services[ads].purposes[marketing]", MAJOR, DiffRule.PURPOSE_ADDED, MINOR),
                new Scenario("data category added to a consent-based purpose",
                        t -> purpose(t, "analytics").withArray("dataCategories").add("contact"),
                        DiffRule.CONSENT_DATA_CATEGORY_ADDED, "purposes[analytics].dataCategories[contact]", MAJOR, DiffRule.DATA_CATEGORY_REMOVED, MINOR),
                new Scenario("collection channel added to a consent-based purpose",
                        t -> purpose(t, "analytics").withArray("channels").add("forms"),
                        DiffRule.CONSENT_CHANNEL_ADDED, "purposes[analytics].channels[forms]", MAJOR, DiffRule.CHANNEL_REMOVED, MINOR),
                new Scenario("new processor for a consent-based purpose",
                        t -> t.withArray("processors").add(json("{\"id\": \"mailer\", \"name\": \"Mailer\", \"purposes\": [\"analytics\"]}")),
                        DiffRule.CONSENT_PROCESSOR_ADDED, "processors[mailer]", MAJOR, DiffRule.PROCESSOR_REMOVED, MINOR),
                new Scenario("new processor without purposes (it serves all, consent-based ones too)",
                        t -> t.withArray("processors").add(json("{\"id\": \"backup\", \"name\": \"Backup Ltd\"}")),
                        DiffRule.CONSENT_PROCESSOR_ADDED, "processors[backup]", MAJOR, DiffRule.PROCESSOR_REMOVED, MINOR),
                new Scenario("processor widened from one purpose to all purposes",
                        t -> processor(t, "crm").remove("purposes"),
                        DiffRule.CONSENT_PROCESSOR_ADDED, "processors[crm].purposes", MAJOR, DiffRule.PROCESSOR_CHANGED, MINOR),
                new Scenario("processor of a consent-based purpose moves (any move: the tool cannot rank locations)",
                        t -> processor(t, "crm").put("location", "USA"),
                        DiffRule.CONSENT_PROCESSOR_LOCATION_CHANGED, "processors[crm].location", MAJOR,
                        DiffRule.CONSENT_PROCESSOR_LOCATION_CHANGED, MAJOR),
                new Scenario("retention of a consent-based purpose lengthened",
                        t -> purpose(t, "analytics").put("retention", "P26M"),
                        DiffRule.CONSENT_RETENTION_LENGTHENED, "purposes[analytics].retention", MAJOR, DiffRule.PURPOSE_CHANGED, MINOR),
                new Scenario("consent-based purpose moved to another category (moving back is a move too)",
                        t -> purpose(t, "analytics").put("category", "marketing"),
                        DiffRule.CONSENT_PURPOSE_MOVED, "purposes[analytics].category", MAJOR, DiffRule.CONSENT_PURPOSE_MOVED, MAJOR),
                new Scenario("existing purpose's legal basis changed to consent",
                        t -> purpose(t, "research").put("legalBasis", "consent"),
                        DiffRule.LEGAL_BASIS_CHANGED_TO_CONSENT, "purposes[research].legalBasis", MAJOR, DiffRule.PURPOSE_CHANGED, MINOR),
                new Scenario("consent-based purpose no longer denied by GPC",
                        t -> purpose(t, "analytics").put("gpcOptOut", false),
                        DiffRule.GPC_OPT_OUT_REMOVED, "purposes[analytics].gpcOptOut", MAJOR, DiffRule.PURPOSE_CHANGED, MINOR),
                new Scenario("legitimate-interest purpose made objectable, and no longer",
                        t -> purpose(t, "research").put("objectable", true),
                        DiffRule.OBJECTION_ADDED, "purposes[research].objectable", MINOR, DiffRule.OBJECTION_REMOVED, MAJOR),
                new Scenario("consent-based purpose granted per service, and no longer",
                        t -> purpose(t, "analytics").put("choicePerService", true),
                        DiffRule.SERVICE_CHOICE_ADDED, "purposes[analytics].choicePerService", MINOR,
                        DiffRule.SERVICE_CHOICE_REMOVED, MAJOR),
                new Scenario("consent lifetime lengthened",
                        t -> t.put("consentLifetime", "P24M"),
                        DiffRule.CONSENT_LIFETIME_LENGTHENED, "consentLifetime", MAJOR, DiffRule.LIFETIME_CHANGED, MINOR),
                new Scenario("cookie of a consent-based purpose lives longer",
                        t -> entry(service(t, "ga"), "cookies", "_ga").put("duration", "P3Y"),
                        DiffRule.CONSENT_COOKIE_LENGTHENED, "services[ga].cookies[_ga].duration", MAJOR, DiffRule.COOKIE_CHANGED, MINOR),
                new Scenario("cookie of a consent-based purpose becomes third party",
                        t -> entry(service(t, "ga"), "cookies", "_ga").put("party", "third").put("domain", "google.com"),
                        DiffRule.CONSENT_COOKIE_THIRD_PARTY, "services[ga].cookies[_ga].party", MAJOR, DiffRule.COOKIE_CHANGED, MINOR),
                new Scenario("service of a consent-based purpose changes provider (either way)",
                        t -> service(t, "ga").set("provider", json("{\"name\": \"Google LLC\", \"country\": \"US\"}")),
                        DiffRule.CONSENT_PROVIDER_CHANGED, "services[ga].provider", MAJOR, DiffRule.CONSENT_PROVIDER_CHANGED, MAJOR),
                new Scenario("service of a consent-based purpose depends on another consent mode type",
                        t -> service(t, "ga").withArray("consentModeTypes").add("ad_storage"),
                        DiffRule.CONSENT_MODE_TYPE_ADDED, "services[ga].consentModeTypes[ad_storage]", MAJOR, DiffRule.SERVICE_CHANGED, MINOR),
                new Scenario("policy id changed",
                        t -> t.put("id", "webshop"),
                        DiffRule.POLICY_ID_CHANGED, "id", MAJOR, DiffRule.POLICY_ID_CHANGED, MAJOR),

                // --- MINOR rules ----------------------------------------------------------------------
                new Scenario("new consent-based purpose (asked for on its own)",
                        t -> t.withArray("purposes").add(json("{\"id\": \"personalisation\", \"category\": \"marketing\", \"legalBasis\": \"consent\","
                                + " \"title\": \"Personalisation\", \"description\": \"Recommendations\", \"dataCategories\": [\"usage\"], \"retention\": \"P6M\"}")),
                        DiffRule.PURPOSE_ADDED, "purposes[personalisation]", MINOR, DiffRule.PURPOSE_REMOVED, MINOR),
                new Scenario("new service that also serves a new consent-based purpose (no old decision allows it)",
                        t -> {
                            t.withArray("purposes").add(json("{\"id\": \"personalisation\", \"category\": \"marketing\", \"legalBasis\": \"consent\","
                                    + " \"title\": \"Personalisation\", \"description\": \"Recommendations\", \"dataCategories\": [\"usage\"], \"retention\": \"P6M\"}"));
                            t.withArray("services").add(json("{\"id\": \"recs\", \"name\": \"Recommender\", \"provider\": {\"name\": \"Recs Inc\"},"
                                    + " \"purposes\": [\"analytics\", \"personalisation\"], \"cookies\": [{\"name\": \"rec\", \"party\": \"first\", \"duration\": \"P1Y\"}]}"));
                        },
                        DiffRule.SERVICE_ADDED, "services[recs]", MINOR, DiffRule.SERVICE_REMOVED, MINOR),
                new Scenario("service gains a new consent-based purpose and a cookie (it now waits for that purpose)",
                        t -> {
                            t.withArray("purposes").add(json("{\"id\": \"personalisation\", \"category\": \"marketing\", \"legalBasis\": \"consent\","
                                    + " \"title\": \"Personalisation\", \"description\": \"Recommendations\", \"dataCategories\": [\"usage\"], \"retention\": \"P6M\"}"));
                            service(t, "ga").withArray("purposes").add("personalisation");
                            service(t, "ga").withArray("cookies").add(json("{\"name\": \"_gp\", \"party\": \"first\", \"duration\": \"P1Y\"}"));
                        },
                        // Undoing it drops that purpose from the service, so a grant of analytics alone allows it again: MAJOR.
                        DiffRule.COOKIE_ADDED, "services[ga].cookies[_gp]", MINOR, DiffRule.CONSENT_SERVICE_GATE_RELAXED, MAJOR),
                new Scenario("cookie added to a necessary service",
                        t -> service(t, "session").withArray("cookies").add(json("{\"name\": \"XSRF-TOKEN\", \"party\": \"first\", \"duration\": \"session\"}")),
                        DiffRule.COOKIE_ADDED, "services[session].cookies[XSRF-TOKEN]", MINOR, DiffRule.COOKIE_REMOVED, MINOR),
                new Scenario("new service for a necessary purpose only",
                        t -> t.withArray("services").add(json("{\"id\": \"cdn\", \"name\": \"CDN\", \"provider\": {\"name\": \"Edge Ltd\"},"
                                + " \"purposes\": [\"security\"], \"cookies\": [{\"name\": \"__cf_bm\", \"party\": \"third\", \"duration\": \"PT30M\", \"domain\": \"edge.example\"}]}")),
                        DiffRule.SERVICE_ADDED, "services[cdn]", MINOR, DiffRule.SERVICE_REMOVED, MINOR),
                new Scenario("data category added to a purpose that is not asked for",
                        t -> purpose(t, "security").withArray("dataCategories").add("usage"),
                        DiffRule.DATA_CATEGORY_ADDED, "purposes[security].dataCategories[usage]", MINOR, DiffRule.DATA_CATEGORY_REMOVED, MINOR),
                new Scenario("collection channel added to a purpose that is not asked for",
                        t -> purpose(t, "research").withArray("channels").add("forms"),
                        DiffRule.CHANNEL_ADDED, "purposes[research].channels[forms]", MINOR, DiffRule.CHANNEL_REMOVED, MINOR),
                new Scenario("retention lengthened of a purpose that is not asked for",
                        t -> purpose(t, "security").put("retention", "P90D"),
                        DiffRule.PURPOSE_CHANGED, "purposes[security].retention", MINOR, DiffRule.PURPOSE_CHANGED, MINOR),
                new Scenario("purpose that is not asked for moved to another category",
                        t -> purpose(t, "research").put("category", "marketing"),
                        DiffRule.PURPOSE_CHANGED, "purposes[research].category", MINOR, DiffRule.PURPOSE_CHANGED, MINOR),
                new Scenario("new processor for a purpose that is not asked for",
                        t -> t.withArray("processors").add(json("{\"id\": \"siem\", \"name\": \"SIEM\", \"purposes\": [\"security\"]}")),
                        DiffRule.PROCESSOR_ADDED, "processors[siem]", MINOR, DiffRule.PROCESSOR_REMOVED, MINOR),
                new Scenario("English translation changed",
                        t -> purpose(t, "analytics").set("title", texts("Analyse", "Site analytics")),
                        DiffRule.TEXT_CHANGED, "purposes[analytics].title", MINOR, DiffRule.TEXT_CHANGED, MINOR),
                new Scenario("default locale changed",
                        t -> t.put("defaultLocale", "en"),
                        DiffRule.LOCALES_CHANGED, "defaultLocale", MINOR, DiffRule.LOCALES_CHANGED, MINOR),
                new Scenario("controller's e-mail changed",
                        t -> ((ObjectNode) t.get("controller").get("contact")).put("email", "dpo@butikken.example"),
                        DiffRule.CONTROLLER_CHANGED, "controller.contact.email", MINOR, DiffRule.CONTROLLER_CHANGED, MINOR),
                new Scenario("right added to the list",
                        t -> t.withArray("rights").add("portability"),
                        DiffRule.RIGHTS_CHANGED, "rights", MINOR, DiffRule.RIGHTS_CHANGED, MINOR),
                new Scenario("refusal lifetime changed",
                        t -> t.put("refusalLifetime", "P12M"),
                        DiffRule.LIFETIME_CHANGED, "refusalLifetime", MINOR, DiffRule.LIFETIME_CHANGED, MINOR),
                new Scenario("category added",
                        t -> t.withArray("categories").add(json("{\"id\": \"preferences\", \"title\": \"Preferences\"}")),
                        DiffRule.CATEGORY_ADDED, "categories[preferences]", MINOR, DiffRule.CATEGORY_REMOVED, MINOR),
                new Scenario("data category defined",
                        t -> t.withArray("dataCategories").add(json("{\"id\": \"location\", \"title\": {\"nb\": \"Posisjon\", \"en\": \"Location\"}}")),
                        DiffRule.DEFINITION_ADDED, "dataCategories[location]", MINOR, DiffRule.DEFINITION_REMOVED, MINOR),
                new Scenario("services reordered",
                        t -> {
                            ObjectNode first = (ObjectNode) t.withArray("services").remove(0);
                            t.withArray("services").add(first);
                        },
                        DiffRule.ORDER_CHANGED, "services", MINOR, DiffRule.ORDER_CHANGED, MINOR),
                new Scenario("illustrative flag set on a service",
                        t -> service(t, "ads").put("illustrative", true),
                        DiffRule.SERVICE_CHANGED, "services[ads].illustrative", MINOR, DiffRule.SERVICE_CHANGED, MINOR),
                new Scenario("cookie of a necessary service lives longer",
                        t -> entry(service(t, "session"), "cookies", "JSESSIONID").put("duration", "P1D"),
                        DiffRule.COOKIE_CHANGED, "services[session].cookies[JSESSIONID].duration", MINOR, DiffRule.COOKIE_CHANGED, MINOR),
                new Scenario("host added to a consent-based purpose's service",
                        t -> service(t, "ga").withArray("hosts").add("*.google-analytics.com"),
                        DiffRule.CONSENT_HOST_ADDED, "services[ga].hosts[*.google-analytics.com]", MAJOR, DiffRule.HOST_REMOVED, MINOR),
                new Scenario("host added to a necessary service",
                        t -> service(t, "session").withArray("hosts").add("static.example.com"),
                        DiffRule.HOST_ADDED, "services[session].hosts[static.example.com]", MINOR, DiffRule.HOST_REMOVED, MINOR),
                new Scenario("localStorage key added to a consent-based purpose's service",
                        t -> service(t, "ga").withArray("cookies").add(json("{\"name\": \"_ga\", \"storage\": \"localStorage\", \"duration\": \"P2Y\"}")),
                        DiffRule.CONSENT_COOKIE_ADDED, "services[ga].cookies[localStorage:_ga]", MAJOR, DiffRule.COOKIE_REMOVED, MINOR),
                new Scenario("Consent Mode default changed (tags only)",
                        t -> t.withObjectProperty("banner").putObject("consentMode").put("waitForUpdate", 1000),
                        DiffRule.OTHER_CHANGED, "banner.consentMode", MINOR, DiffRule.OTHER_CHANGED, MINOR),
                new Scenario("jurisdiction set",
                        t -> t.put("jurisdiction", "NO"),
                        DiffRule.OTHER_CHANGED, "jurisdiction", MINOR, DiffRule.OTHER_CHANGED, MINOR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void classifiesEditAndItsUndoing(Scenario scenario) {
        ConsentPolicy base = PolicyEdits.base();
        ConsentPolicy edited = PolicyEdits.edited(scenario.edit());

        PolicyDiff forward = PolicyDiff.between(base, edited);
        PolicyDiff reverse = PolicyDiff.between(edited, base);

        assertThat(forward.differences())
                .as("base -> edited: %s", forward.differences())
                .anySatisfy(d -> {
                    assertThat(d.rule()).isEqualTo(scenario.forward());
                    assertThat(d.path()).isEqualTo(scenario.path());
                    assertThat(d.detail()).isNotBlank();
                });
        assertThat(forward.level()).as("level of base -> edited: %s", forward.differences()).isEqualTo(scenario.forwardLevel());
        assertThat(reverse.differences()).as("edited -> base: %s", reverse.differences())
                .extracting(PolicyDifference::rule).contains(scenario.reverse());
        assertThat(reverse.level()).as("level of edited -> base: %s", reverse.differences()).isEqualTo(scenario.reverseLevel());
        forward.differences().forEach(d -> SEEN.add(d.rule()));
        reverse.differences().forEach(d -> SEEN.add(d.rule()));
    }

    @AfterAll
    static void everyRuleIsExercised() {
        if (SEEN.isEmpty()) {
            return; // a single scenario was selected (e.g. -Dtest=...#method)
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(SEEN))).as("rules no scenario triggers").isEmpty();
        assertThat(List.of(DiffRule.values())).allSatisfy(r -> assertThat(DiffRule.fromId(r.id())).contains(r));
    }
}
