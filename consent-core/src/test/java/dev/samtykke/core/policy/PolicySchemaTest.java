package dev.samtykke.core.policy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.samtykke.core.policy.PolicyFixtures.at;
import static dev.samtykke.core.policy.PolicyFixtures.jackonWith;
import static dev.samtykke.core.policy.PolicyFixtures.listAt;
import static dev.samtykke.core.policy.PolicyFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema shipped with consent-core accepts every example policy and rejects broken files,
 * agreeing with {@link PolicyLoader} on what is valid.
 */
class PolicySchemaTest {

    static final String SCHEMA_RESOURCE = "dev/samtykke/core/policy/policy.schema.json";
    private static final Path EXAMPLES = Path.of("../examples/policy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema SCHEMA = REGISTRY.getSchema(read(SCHEMA_RESOURCE));

    private static JsonNode read(String resource) {
        try (InputStream in = PolicySchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("classpath resource " + resource).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> schemaErrors(JsonNode doc) {
        return SCHEMA.validate(doc).stream().map(Error::toString).toList();
    }

    @Test
    void schemaIsAValidDraft202012Schema() {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(meta.validate(read(SCHEMA_RESOURCE))).isEmpty();
        assertThat(read(SCHEMA_RESOURCE).path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> policies = files.filter(f -> f.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList();
            assertThat(policies).extracting(p -> p.getFileName().toString()).contains("jackon.json", "jackon.yaml");
            return policies.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExamplePolicyMatchesTheSchemaAndLoads(Path file) throws IOException {
        JsonNode doc = (PolicyLoader.Format.ofName(file.toString()) == PolicyLoader.Format.YAML ? YAML : JSON).readTree(file.toFile());

        assertThat(schemaErrors(doc)).isEmpty();
        assertThat(PolicyLoader.fromFile(file).purposes()).isNotEmpty();
        assertThat(doc.path("$schema").asString()).isEqualTo("../../consent-core/src/main/resources/" + SCHEMA_RESOURCE);
        assertThat(Files.exists(file.resolveSibling(doc.path("$schema").asString()))).as("$schema points at the schema").isTrue();
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken("unknown top-level field", d -> d.put("owner", "Jackon")),
                broken("unknown field in a cookie", d -> at(d, "/services/2/cookies/0").put("secure", true)),
                broken("misspelt banner label", d -> at(d, "/banner").putObject("labels").put("acceptall", "OK")),
                broken("consent mode wait out of range", d -> at(d, "/banner").putObject("consentMode").put("waitForUpdate", 60000)),
                broken("consent mode region in lower case", d -> at(d, "/banner").putObject("consentMode").putArray("region").add("no")),
                broken("boolean as a string", d -> at(d, "/purposes/1").put("gpcOptOut", "yes")),
                broken("title as a number", d -> at(d, "/purposes/1").put("title", 5)),
                broken("translation not a string", d -> at(d, "/purposes/1/title").put("en", 5)),
                broken("text keyed by a non-tag", d -> at(d, "/purposes/1/title").put("english", "Analytics")),
                broken("explicit null", d -> d.putNull("title")),
                broken("list as an object", d -> d.putObject("rights")),
                broken("missing retention", d -> at(d, "/purposes/0").remove("retention")),
                broken("missing provider", d -> at(d, "/services/3").remove("provider")),
                broken("missing cookie duration", d -> at(d, "/services/3/cookies/0").remove("duration")),
                broken("service without purposes", d -> at(d, "/services/3").putArray("purposes")),
                broken("id with a space", d -> at(d, "/categories/0").put("id", "strictly necessary")),
                broken("version without minor", d -> d.put("version", "1")),
                broken("version as a number", d -> d.put("version", 1.0)),
                broken("invalid retention", d -> at(d, "/purposes/1").put("retention", "P13X")),
                broken("lower-case duration", d -> at(d, "/purposes/1").put("retention", "p13m")),
                broken("session retention", d -> at(d, "/purposes/1").put("retention", "session")),
                broken("zero consent lifetime", d -> d.put("consentLifetime", "P0M")),
                broken("session consent lifetime", d -> d.put("consentLifetime", "session")),
                broken("invalid cookie duration", d -> at(d, "/services/2/cookies/0").put("duration", "2 years")),
                broken("upper-case locale", d -> listAt(d, "/locales").set(1, "EN")),
                broken("duplicate locale", d -> listAt(d, "/locales").add("nb")),
                broken("no locales", d -> d.putArray("locales")),
                broken("unknown legal basis", d -> at(d, "/purposes/0").put("legalBasis", "contractual")),
                broken("unknown cookie party", d -> at(d, "/services/2/cookies/0").put("party", "own")),
                broken("unknown consent mode type", d -> listAt(d, "/services/2/consentModeTypes").add("analytics")),
                broken("unknown right", d -> listAt(d, "/rights").add("forget-me")),
                broken("duplicate right", d -> listAt(d, "/rights").add("access")),
                broken("cookie pattern matching everything", d -> at(d, "/services/0/cookies/0").put("name", "*")),
                broken("cookie name with a space", d -> at(d, "/services/0/cookies/0").put("name", "my cookie")),
                broken("consent in necessary", d -> at(d, "/purposes/4").put("legalBasis", "consent")),
                broken("gpcOptOut without consent", d -> at(d, "/purposes/3").put("gpcOptOut", true)),
                broken("objectable without legitimate interest", d -> at(d, "/purposes/1").put("objectable", true)),
                broken("objectable as a string", d -> at(d, "/purposes/3").put("objectable", "yes")),
                broken("choice per service without consent", d -> at(d, "/purposes/3").put("choicePerService", true)),
                broken("no purposes", d -> {
                    d.putArray("purposes");
                    d.remove("services");
                    d.remove("processors");
                }),
                broken("host with a scheme", d -> at(d, "/services/2").putArray("hosts").add("https://www.google-analytics.com")),
                broken("host with a port", d -> at(d, "/services/2").putArray("hosts").add("www.google-analytics.com:443")),
                broken("host pattern in the middle", d -> at(d, "/services/2").putArray("hosts").add("www.*.com")),
                broken("upper-case host", d -> at(d, "/services/2").putArray("hosts").add("WWW.Google.com")),
                broken("duplicate host", d -> at(d, "/services/2").putArray("hosts").add("a.example.com").add("a.example.com")),
                broken("unknown storage", d -> at(d, "/services/2/cookies/0").put("storage", "indexedDB")),
                broken("storage key with a space", d -> at(d, "/services/2/cookies/0").put("storage", "localStorage").put("name", "my key")),
                broken("storage key with a domain", d -> at(d, "/services/2/cookies/0").put("storage", "localStorage").put("domain", "x.com")),
                broken("empty document", d -> d.removeAll()));
    }

    private static Arguments broken(String name, Consumer<ObjectNode> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFileIsRejectedByTheSchemaAndTheLoader(String name, Consumer<ObjectNode> change) {
        ObjectNode doc = jackonWith(change);

        assertThat(schemaErrors(doc)).as("schema errors").isNotEmpty();
        assertThat(problems(doc)).as("loader problems").isNotEmpty();
    }

    @Test
    void schemaErrorsPointAtTheOffendingValue() {
        ObjectNode doc = jackonWith(d -> {
            at(d, "/purposes/1").put("retention", "P13X");
            at(d, "/services/2/cookies/0").put("party", "own");
        });

        assertThat(SCHEMA.validate(doc)).extracting(e -> e.getInstanceLocation().toString())
                .containsExactly("/purposes/1/retention", "/services/2/cookies/0/party");
    }

    static Stream<Arguments> acceptedVariants() {
        return Stream.of(
                broken("only the required fields", d -> {
                    for (String optional : List.of("title", "consentLifetime", "refusalLifetime", "jurisdiction", "noticeUrl",
                            "banner", "rights", "dataCategories", "channels", "services", "processors")) {
                        d.remove(optional);
                    }
                    for (JsonNode purpose : d.withArray("purposes")) {
                        ((ObjectNode) purpose).remove(List.of("dataCategories", "channels", "gpcOptOut"));
                    }
                }),
                broken("universal texts", d -> {
                    at(d, "/purposes/1").put("title", "Analytics").put("description", "Statistics");
                    at(d, "/controller/supervisoryAuthority").put("name", "Datatilsynet");
                }),
                broken("regional locale", d -> {
                    listAt(d, "/locales").set(1, "en-GB");
                    d.remove(List.of("title", "noticeUrl", "banner", "categories", "dataCategories", "channels", "services",
                            "processors", "controller"));
                    d.putObject("controller").put("name", "Jackon AS").putObject("supervisoryAuthority").put("name", "Datatilsynet");
                    d.putArray("categories").addObject().put("id", "necessary").put("title", "Necessary");
                    d.putArray("purposes").addObject().put("id", "site").put("category", "necessary").put("legalBasis", "contract")
                            .put("title", "Site").put("retention", "P1D").putObject("description").put("nb", "Nettstedet")
                            .put("en-GB", "The site");
                }),
                broken("third-party session cookie with banner labels", d -> {
                    at(d, "/services/3/cookies/0").put("party", "third").put("domain", ".facebook.com").put("duration", "session");
                    at(d, "/banner").putObject("labels").put("acceptAll", "OK").putObject("rejectAll").put("nb", "Nei").put("en", "No");
                }),
                broken("hosts and storage keys", d -> {
                    at(d, "/services/2").putArray("hosts").add("www.googletagmanager.com").add("*.google-analytics.com");
                    at(d, "/services/2/cookies/0").put("storage", "localStorage").put("name", "loglevel:webpack");
                    at(d, "/services/2/cookies/1").put("storage", "sessionStorage");
                    at(d, "/services/3/cookies/0").put("storage", "cookie");
                }),
                broken("time-based durations", d -> {
                    at(d, "/purposes/4").put("retention", "PT720H");
                    d.put("refusalLifetime", "P1DT12H");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedVariants")
    void validVariantIsAcceptedByTheSchemaAndTheLoader(String name, Consumer<ObjectNode> change) {
        ObjectNode doc = jackonWith(change);

        assertThat(schemaErrors(doc)).as("schema errors").isEmpty();
        assertThat(problems(doc)).as("loader problems").isEmpty();
    }

    @Test
    void exampleOfTheFormatDocumentationMatchesTheSchemaAndLoads() throws IOException {
        String doc = Files.readString(Path.of("../docs/policy-format.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));

        assertThat(example).contains("id: shop");
        assertThat(schemaErrors(YAML.readTree(example))).isEmpty();
        ConsentPolicy policy = PolicyLoader.fromString(example, PolicyLoader.Format.YAML, "docs/policy-format.md");
        assertThat(policy.cookie("_ga_XYZ")).get().extracting(m -> m.service().id()).isEqualTo("google-analytics");
        assertThat(policy.services().get(0).provider().country()).isEqualTo("NO");
    }

    @Test
    void minimalPolicyOfTheSmokeTestMatchesTheSchema() throws IOException {
        assertThat(schemaErrors(JSON.readTree(PolicyLoaderSmokeTest.MINIMAL))).isEmpty();
    }
}
