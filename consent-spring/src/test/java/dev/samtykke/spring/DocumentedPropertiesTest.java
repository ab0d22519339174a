package dev.samtykke.spring;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.servlet.SamtykkeConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated configuration metadata, the defaults in the code and the table in docs/spring.md agree. */
class DocumentedPropertiesTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(samtykke\\.[a-z.-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    private static JsonNode metadata() throws Exception {
        try (InputStream in = DocumentedPropertiesTest.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static Map<String, String> documented() throws Exception {
        String all = Files.readString(Path.of("..", "docs", "spring.md"));
        int start = all.indexOf("\n## Properties\n");
        assertThat(start).as("docs/spring.md has a Properties section").isNotNegative();
        int end = all.indexOf("\n## ", start + 1);
        String docs = end < 0 ? all.substring(start) : all.substring(start, end);
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(docs);
        while (m.find()) {
            rows.put(m.group(1), m.group(2).strip());
        }
        return rows;
    }

    /** One name per setting: a web.xml parameter is named as the Spring property that means the same. */
    @Test
    void everyWebXmlParameterIsNamedAsItsSpringProperty() throws Exception {
        Set<String> springNames = new HashSet<>();
        metadata().get("properties").forEach(p -> springNames.add(p.get("name").asString()));
        // Read reflectively: the servlet module does not export its internal package (tests run on the class path).
        Class<?> parameters = Class.forName("dev.samtykke.servlet.internal.InitParameters");
        @SuppressWarnings("unchecked") List<String> names = (List<String>) parameters.getField("NAMES").get(null);
        @SuppressWarnings("unchecked") List<String> webOnly = (List<String>) parameters.getField("WEB_ONLY").get(null);
        List<String> shared = names.stream().filter(n -> !webOnly.contains(n)).toList();

        assertThat(shared).hasSizeGreaterThan(10).allSatisfy(name -> assertThat(springNames).contains(name));
    }

    @Test
    void everyPropertyHasADescriptionAndIsDocumentedWithItsDefault() throws Exception {
        Map<String, String> documented = documented();
        JsonNode properties = metadata().get("properties");
        assertThat(properties.size()).isGreaterThanOrEqualTo(20);
        for (JsonNode property : properties) {
            String name = property.get("name").asString();
            assertThat(property.path("description").asString()).as("description of " + name).isNotBlank();
            assertThat(documented).as("docs/spring.md lists " + name).containsKey(name);
            JsonNode defaultValue = property.get("defaultValue");
            if (defaultValue != null) {
                assertThat(documented.get(name)).as("documented default of " + name)
                        .isEqualTo("`" + defaultValue.asString() + "`");
            } else {
                assertThat(documented.get(name)).as("documented default of " + name).doesNotStartWith("`");
            }
        }
        assertThat(documented.keySet()).as("documented properties that do not exist")
                .allSatisfy(name -> assertThat(properties.findValuesAsString("name")).contains(name));
    }

    @Test
    void theDefaultsInTheMetadataAreTheServletModulesDefaults() {
        SamtykkeProperties properties = new SamtykkeProperties();
        SamtykkeConfig defaults = SamtykkeConfig.ofDefaults();
        assertThat(properties.getCookie().getName()).isEqualTo(defaults.cookieName());
        assertThat(properties.getEndpoints().getBasePath()).isEqualTo(defaults.basePath());
        assertThat(properties.getEndpoints().getMaxRequestSize().toBytes()).isEqualTo(defaults.maxBodyBytes());
        assertThat(properties.getUndeclaredCookies()).isEqualTo(defaults.undeclaredCookies());
        assertThat(properties.getCookie().isAlwaysSecure()).isEqualTo(defaults.alwaysSecureCookie());
        assertThat(properties.getDecisionsPerMinute()).isEqualTo(defaults.decisionsPerMinute());
        assertThat(properties.getFilterOrder()).isEqualTo(SamtykkeProperties.DEFAULT_FILTER_ORDER);
        assertThat(properties.getPolicy()).isEqualTo(SamtykkeProperties.DEFAULT_POLICY);
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.isDevelopment()).isFalse();
        assertThat(properties.getLedger().getType()).isNull();
        assertThat(properties.getLedger().getSchema()).isEqualTo(dev.samtykke.core.ledger.jdbc.SchemaManagement.CREATE);
    }
}
