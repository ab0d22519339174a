package dev.samtykke.core.policy;

import tools.jackson.core.JacksonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loading from files, the classpath, streams and strings; bad input gives one clear PolicyException. */
class PolicyLoaderTest {

    private static final String MINIMAL = PolicyLoaderSmokeTest.MINIMAL;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void loadsTheSamePolicyFromFileClasspathLocationAndStream() throws IOException {
        ConsentPolicy fromClasspath = PolicyLoader.fromClasspath("policies/jackon.yaml");
        Path json = write("jackon.json", Files.readString(Path.of("../examples/policy/jackon.json")));
        Path yml = write("jackon.yml", Files.readString(Path.of("../examples/policy/jackon.yaml")));

        assertThat(PolicyLoader.fromFile(json)).isEqualTo(fromClasspath);
        assertThat(PolicyLoader.fromFile(yml)).isEqualTo(fromClasspath);
        assertThat(PolicyLoader.fromClasspath("/policies/jackon.json")).isEqualTo(fromClasspath);
        assertThat(PolicyLoader.fromLocation("classpath:policies/jackon.json")).isEqualTo(fromClasspath);
        assertThat(PolicyLoader.fromLocation("file:" + json)).isEqualTo(fromClasspath);
        assertThat(PolicyLoader.fromLocation(json.toUri().toString())).isEqualTo(fromClasspath);
        assertThat(PolicyLoader.fromLocation(yml.toString())).isEqualTo(fromClasspath);
        try (var in = Files.newInputStream(yml)) {
            assertThat(PolicyLoader.fromStream(in, PolicyLoader.Format.YAML, "stdin")).isEqualTo(fromClasspath);
        }
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> PolicyLoader.fromFile(missing))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from " + missing + ": file not found")
                .satisfies(e -> assertThat(((PolicyException) e).source()).isEqualTo(missing.toString()));
        assertThatThrownBy(() -> PolicyLoader.fromLocation("file:" + missing))
                .hasMessage("Cannot load consent policy from " + missing + ": file not found");
    }

    @Test
    void directoryIsNotAPolicyFile() {
        assertThatThrownBy(() -> PolicyLoader.fromFile(dir))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from " + dir + ": is a directory, not a policy file");
        assertThatThrownBy(() -> PolicyLoader.fromClasspath("policies"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from classpath:policies: is a directory, not a policy file");
    }

    @Test
    void missingClasspathResourceNamesTheResource() {
        assertThatThrownBy(() -> PolicyLoader.fromClasspath("policies/absent.json"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from classpath:policies/absent.json: resource not found on the classpath");
        assertThatThrownBy(() -> PolicyLoader.fromLocation("classpath:"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from classpath:: no resource name given (expected e.g. classpath:consent-policy.json)");
    }

    @Test
    void invalidFileLocationIsALoadException() {
        assertThatThrownBy(() -> PolicyLoader.fromLocation("policy\0.json"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith("Cannot load consent policy from policy\0.json: not a valid file location");
    }

    @Test
    void invalidJsonGivesLineAndColumn() throws IOException {
        Path file = write("broken.json", "{\n  \"id\": \"shop\",\n  \"version\" \"1.0\"\n}\n");

        PolicyLoadException e = catchThrowableOfType(PolicyLoadException.class, () -> PolicyLoader.fromFile(file));

        assertThat(e).hasMessageStartingWith("Cannot load consent policy from " + file + ": not well-formed JSON at line 3, column 13: ")
                .hasMessageContaining("was expecting a colon");
        assertThat(e.getCause()).isInstanceOf(JacksonException.class);
        assertThat(e.getMessage()).doesNotContain("tools.jackson").doesNotContain("Source:");
    }

    @Test
    void invalidYamlGivesLineAndColumn() throws IOException {
        Path file = write("broken.yaml", "id: shop\nversion: \"1.0\"\n  locales: [nb\n");

        assertThatThrownBy(() -> PolicyLoader.fromFile(file))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from " + file + ": not well-formed YAML at line 3, column 3: "
                        + "expected <block end>, but found '<block mapping start>' (while parsing a block mapping)");
    }

    @Test
    void duplicateKeysAreRejectedInJsonAndYaml() {
        assertThatThrownBy(() -> PolicyLoader.fromString("{\"id\": \"a\", \"id\": \"b\"}", PolicyLoader.Format.JSON, "dup.json"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from dup.json: not well-formed JSON at line 1, column 17: Duplicate field 'id'");
        assertThatThrownBy(() -> PolicyLoader.fromString("id: a\nid: b\n", PolicyLoader.Format.YAML, "dup.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith("Cannot load consent policy from dup.yaml: not well-formed YAML at line 2")
                .hasMessageEndingWith("Duplicate field 'id'");
    }

    @Test
    void trailingContentIsRejected() {
        assertThatThrownBy(() -> PolicyLoader.fromString(MINIMAL + "{}", PolicyLoader.Format.JSON, "twice.json"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith("Cannot load consent policy from twice.json: not well-formed JSON at line ");
    }

    @Test
    void emptyDocumentIsALoadException() {
        assertThatThrownBy(() -> PolicyLoader.fromString("", PolicyLoader.Format.JSON, "empty.json"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from empty.json: the document is empty");
        assertThatThrownBy(() -> PolicyLoader.fromString("# only a comment\n", PolicyLoader.Format.YAML, "empty.yaml"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from empty.yaml: the document is empty");
    }

    @Test
    void documentOfTheWrongTypeIsOneValidationProblem() {
        assertThatThrownBy(() -> PolicyLoader.fromString("[1, 2]", PolicyLoader.Format.JSON, "list.json"))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessage("Consent policy list.json has 1 problem:\n  - expected an object at the top level, found a list");
        assertThatThrownBy(() -> PolicyLoader.fromString("just text", PolicyLoader.Format.YAML, "text.yaml"))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessage("Consent policy text.yaml has 1 problem:\n  - expected an object at the top level, found a string");
    }

    @Test
    void wrongTypeInAFileNamesTheFileAndThePath() throws IOException {
        Path file = write("typed.json", MINIMAL.replace("\"gpcOptOut\": true", "\"gpcOptOut\": \"true\""));

        assertThatThrownBy(() -> PolicyLoader.fromFile(file))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessage("Consent policy " + file + " has 1 problem:\n  - purposes[0].gpcOptOut: expected true or false, found a string");
    }

    @Test
    void yamlScalarsAreReadAsYaml12() throws IOException {
        String yaml = Files.readString(Path.of("../examples/policy/jackon.yaml"));
        ConsentPolicy asWritten = PolicyLoader.fromString(yaml, PolicyLoader.Format.YAML, "jackon.yaml");

        // YAML 1.1 read yes, on and True as booleans; YAML 1.2 reads strings, but a boolean field still takes the
        // words, so that a file written for YAML 1.1 loads as it did.
        for (String word : new String[] {"yes", "on", "True", "Y"}) {
            assertThat(PolicyLoader.fromString(yaml.replace("gpcOptOut: true", "gpcOptOut: " + word),
                    PolicyLoader.Format.YAML, "yes.yaml")).isEqualTo(asWritten);
        }
        assertThat(PolicyLoader.fromString(yaml.replace("gpcOptOut: true", "gpcOptOut: off"), PolicyLoader.Format.YAML,
                "off.yaml")).isNotEqualTo(asWritten);
        // Another string is still a wrong type, and JSON takes only true and false.
        assertThat(PolicyFixtures.problems(yaml.replace("gpcOptOut: true", "gpcOptOut: sure"), PolicyLoader.Format.YAML))
                .contains("purposes[1].gpcOptOut: expected true or false, found a string");
        // A country code is a string without quotes; an unquoted version is still a number.
        assertThat(PolicyLoader.fromString(yaml.replace("jurisdiction: 'NO'", "jurisdiction: NO"), PolicyLoader.Format.YAML, "no.yaml")
                .jurisdiction()).isEqualTo("NO");
        assertThat(PolicyFixtures.problems(yaml.replace("version: '1.0'", "version: 1.0"), PolicyLoader.Format.YAML))
                .containsExactly("version: expected a string such as \"1.0\", found the number 1.0 (quote the version in YAML)");
    }

    @Test
    void oversizedDocumentIsRefusedBeforeParsing() {
        byte[] big = new byte[PolicyLoader.MAX_SIZE + 1];

        assertThatThrownBy(() -> PolicyLoader.fromStream(new ByteArrayInputStream(big), PolicyLoader.Format.JSON, "big"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessage("Cannot load consent policy from big: document is larger than " + PolicyLoader.MAX_SIZE + " bytes");
    }

    @Test
    void checkReportsProblemsWithoutThrowing() {
        PolicyLoader.Result ok = PolicyLoader.check(MINIMAL.getBytes(StandardCharsets.UTF_8), PolicyLoader.Format.JSON, "ok");
        PolicyLoader.Result bad = PolicyLoader.check(MINIMAL.replace("P13M", "P13").getBytes(StandardCharsets.UTF_8),
                PolicyLoader.Format.JSON, "bad");
        PolicyLoader.Result notAPolicy = PolicyLoader.check("42".getBytes(StandardCharsets.UTF_8), PolicyLoader.Format.JSON, "n");

        assertThat(ok.isValid()).isTrue();
        assertThat(ok.problems()).isEmpty();
        assertThat(bad.isValid()).isFalse();
        assertThat(bad.policy()).isNotNull();
        assertThat(bad.problems()).containsExactly(new PolicyProblem("purposes[0].retention",
                "invalid ISO-8601 duration 'P13', expected e.g. P13M, P2Y, P30D or PT30M (or 'session' for a cookie)"));
        assertThat(notAPolicy.policy()).isNull();
        assertThat(notAPolicy.isValid()).isFalse();
    }

    @Test
    void acceptsAByteOrderMarkFromWindowsEditors() throws IOException {
        Path json = write("bom.json", "\uFEFF" + MINIMAL);
        Path yaml = write("bom.yaml", "\uFEFF" + MINIMAL);

        assertThat(PolicyLoader.fromFile(json).id()).isEqualTo("shop");
        assertThat(PolicyLoader.fromFile(yaml)).isEqualTo(PolicyLoader.fromFile(json));
    }

    @Test
    void formatFollowsTheFileName() {
        assertThat(PolicyLoader.Format.ofName("a.YAML")).isEqualTo(PolicyLoader.Format.YAML);
        assertThat(PolicyLoader.Format.ofName("a.yml")).isEqualTo(PolicyLoader.Format.YAML);
        assertThat(PolicyLoader.Format.ofName("a.json")).isEqualTo(PolicyLoader.Format.JSON);
        assertThat(PolicyLoader.Format.ofName("policy")).isEqualTo(PolicyLoader.Format.JSON);
    }
}
