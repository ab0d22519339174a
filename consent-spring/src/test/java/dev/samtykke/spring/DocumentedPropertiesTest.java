package dev.samtykke.spring;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.servlet.SamtykkeConfig;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
