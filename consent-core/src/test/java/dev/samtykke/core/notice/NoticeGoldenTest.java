package dev.samtykke.core.notice;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered notice of the reference policy, compared byte for byte with the golden files in
 * {@code src/test/resources/notice/}. After an intended change to the output, regenerate them with
 * {@code mvn -pl consent-core test -Dtest=NoticeGoldenTest -Dsamtykke.golden.update=true}, then
 * review the difference with {@code git diff}.
 */
class NoticeGoldenTest {

    /** Set to true to rewrite the golden files from the current output. */
    static final boolean UPDATE = Boolean.getBoolean("samtykke.golden.update");
    /** The golden files in the source tree (Surefire runs in the module's directory). */
    static final Path GOLDEN = Path.of("src", "test", "resources", "notice");

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "jackon, nb, html",
            "jackon, en, html",
            "jackon, nb, md",
            "jackon, en, md"
    })
    void rendersReferencePolicyAsInGoldenFile(String policyName, String language, String format) throws IOException {
        ConsentPolicy policy = PolicyLoader.fromClasspath("policies/" + policyName + ".json");

        String actual = NoticeRenderer.render(policy, Locale.forLanguageTag(language), NoticeFormat.fromId(format).orElseThrow());

        Path golden = GOLDEN.resolve(policyName + "-" + language + "." + format);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (create it with -Dsamtykke.golden.update=true)", golden.toAbsolutePath()).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
