package dev.samtykke.core.policy;

import dev.samtykke.core.signal.GoogleConsentMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.samtykke.core.policy.PolicyFixtures.at;
import static dev.samtykke.core.policy.PolicyFixtures.jackonWith;
import static dev.samtykke.core.policy.PolicyFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code banner.consentMode}: the Google Consent Mode default command's {@code wait_for_update} and {@code region}. */
class ConsentModeDefaultsTest {

    private static ConsentPolicy load(ObjectNode doc) {
        return PolicyLoader.fromString(new String(PolicyFixtures.bytes(doc), StandardCharsets.UTF_8),
                PolicyLoader.Format.JSON, "test");
    }

    private static JsonNode defaultCommand(ConsentPolicy policy) {
        return PolicyFixtures.JSON.readTree(GoogleConsentMode.defaultCommandJson(policy));
    }

    @Test
    void withoutSettingsTheDefaultCommandWaits500MillisecondsEverywhere() {
        ConsentPolicy policy = load(jackonWith(d -> { }));

        assertThat(policy.banner().consentMode()).isEqualTo(ConsentModeDefaults.DEFAULT);
        JsonNode command = defaultCommand(policy);
        assertThat(command.path("wait_for_update").asInt()).isEqualTo(500);
        assertThat(command.has("region")).isFalse();
        assertThat(GoogleConsentMode.defaultCommandJson(policy)).isEqualTo(GoogleConsentMode.defaultCommandJson());
    }

    @Test
    void thePolicysWaitAndRegionsAreWrittenIntoTheDefaultCommand() {
        ConsentPolicy policy = load(jackonWith(d -> at(d, "/banner").putObject("consentMode").put("waitForUpdate", 2000)
                .putArray("region").add("NO").add("SE").add("US-CA")));

        JsonNode command = defaultCommand(policy);

        assertThat(command.path("wait_for_update").isInt()).isTrue();
        assertThat(command.path("wait_for_update").asInt()).isEqualTo(2000);
        assertThat(command.path("region").valueStream().map(JsonNode::asString).toList()).containsExactly("NO", "SE", "US-CA");
        assertThat(command.path("ad_storage").asString()).isEqualTo("denied");
        assertThat(command.path("security_storage").asString()).isEqualTo("granted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"waitForUpdate\": -1}        | banner.consentMode.waitForUpdate: wait_for_update must be 0 to 10000 milliseconds, not -1",
            "{\"waitForUpdate\": 60000}     | banner.consentMode.waitForUpdate: wait_for_update must be 0 to 10000 milliseconds, not 60000",
            "{\"waitForUpdate\": 1.5}       | banner.consentMode.waitForUpdate: expected a whole number, found the number 1.5",
            "{\"waitForUpdate\": \"500\"}   | banner.consentMode.waitForUpdate: expected a whole number, found a string",
            "{\"region\": [\"no\"]}         | banner.consentMode.region[0]: invalid region 'no': use an ISO 3166-1 alpha-2 country code such as NO, or an ISO 3166-2 subdivision code such as US-CA (upper case)",
            "{\"region\": [\"NO\", \"NO\"]} | banner.consentMode.region[1]: duplicate region 'NO'",
            "{\"region\": [5]}              | banner.consentMode.region[0]: expected a string, found the number 5",
            "{\"regions\": [\"NO\"]}        | banner.consentMode.regions: unknown field 'regions' (known: waitForUpdate, region)"})
    void reportsABadSettingWhereItIs(String consentMode, String expected) {
        ObjectNode doc = jackonWith(d -> at(d, "/banner").set("consentMode", PolicyFixtures.JSON.readTree(consentMode)));

        assertThat(problems(doc)).containsExactly(expected);
    }

    @Test
    void theValueRefusesWhatThePolicyFileMayNotSay() {
        assertThatThrownBy(() -> new ConsentModeDefaults(10_001, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsentModeDefaults(500, List.of("US-CA", "US-CA")))
                .hasMessage("duplicate region 'US-CA'");
        assertThatThrownBy(() -> new ConsentModeDefaults(500, List.of("<script>"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Banner(null, null, null).consentMode()).isEqualTo(ConsentModeDefaults.DEFAULT);
    }
}
