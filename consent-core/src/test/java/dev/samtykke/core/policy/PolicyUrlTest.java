package dev.samtykke.core.policy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static dev.samtykke.core.policy.PolicyFixtures.JSON;
import static dev.samtykke.core.policy.PolicyFixtures.at;
import static dev.samtykke.core.policy.PolicyFixtures.jackonWith;
import static dev.samtykke.core.policy.PolicyFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every URL field of a policy accepts {@code http(s)://host…} and site paths ({@code /…}) only: the loader's
 * validator and the JSON Schema (checked by an independent validator) agree on one list of allowed and refused
 * links ({@code urls.json}, which the banner's test uses too).
 */
class PolicyUrlTest {

    static final String URLS_RESOURCE = "dev/samtykke/core/policy/urls.json";
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(read(PolicySchemaTest.SCHEMA_RESOURCE));

    private static JsonNode read(String resource) {
        try (InputStream in = PolicyUrlTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a URL goes in the reference policy, and the problem path the validator names. */
    private record Field(String problemPath, BiConsumer<ObjectNode, String> put) {
        @Override
        public String toString() {
            return problemPath;
        }
    }

    private static final List<Field> FIELDS = List.of(
            new Field("noticeUrl", (d, url) -> d.put("noticeUrl", url)),
            new Field("noticeUrl.en", (d, url) -> at(d, "/noticeUrl").put("en", url)),
            new Field("controller.contact.url", (d, url) -> at(d, "/controller/contact").put("url", url)),
            new Field("controller.supervisoryAuthority.contact.url",
                    (d, url) -> at(d, "/controller/supervisoryAuthority/contact").put("url", url)),
            new Field("services[2].provider.privacyPolicyUrl", (d, url) -> at(d, "/services/2/provider").put("privacyPolicyUrl", url)));

    static Stream<Arguments> cases() {
        JsonNode urls = read(URLS_RESOURCE);
        List<Arguments> cases = new ArrayList<>();
        for (String list : List.of("allowed", "refused")) {
            for (JsonNode url : urls.get(list)) {
                for (Field field : FIELDS) {
                    cases.add(Arguments.of(field, url.asString(), list.equals("allowed")));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("cases")
    void validatorAndSchemaAgreeOnEveryUrlField(Field field, String url, boolean allowed) {
        ObjectNode doc = jackonWith(d -> field.put().accept(d, url));

        List<String> urlProblems = problems(doc).stream().filter(p -> p.startsWith(field.problemPath() + ":")).toList();
        List<String> schemaErrors = SCHEMA.validate(doc).stream().map(Object::toString).toList();

        assertThat(PolicyValidator.isAllowedUrl(url)).isEqualTo(allowed);
        if (allowed) {
            assertThat(urlProblems).as("validator").isEmpty();
            assertThat(schemaErrors).as("schema").isEmpty();
        } else {
            assertThat(urlProblems).as("validator").singleElement().asString().contains("invalid URL");
            assertThat(schemaErrors).as("schema").isNotEmpty();
        }
    }
}
