package dev.samtykke.servlet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.policy.Banner;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in labels and the keys a policy may override are the same set, in every built-in language. */
class BannerLabelsTest {

    @Test
    void everyBuiltInLanguageHasExactlyTheKeysAPolicyMayOverride() throws Exception {
        JsonNode labels;
        try (InputStream in = BannerLabelsTest.class.getResourceAsStream("/dev/samtykke/servlet/assets/labels.json")) {
            assertThat(in).isNotNull();
            labels = new ObjectMapper().readTree(in);
        }
        Set<String> expected = new LinkedHashSet<>(List.of("title", "text"));
        expected.addAll(Banner.LABEL_KEYS);
        assertThat(labels.size()).isGreaterThanOrEqualTo(2);
        for (var entry : labels.properties()) {
            List<String> keys = new ArrayList<>(entry.getValue().propertyNames());
            assertThat(keys).as("built-in labels of '" + entry.getKey() + "'").containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
