package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReferencePolicyTest {

    @Test
    void jsonAndYamlLoadToEqualPolicies() {
        ConsentPolicy json = PolicyLoader.fromClasspath("policies/jackon.json");
        ConsentPolicy yaml = PolicyLoader.fromClasspath("policies/jackon.yaml");

        assertThat(yaml).isEqualTo(json);
        assertThat(yaml.hashCode()).isEqualTo(json.hashCode());
    }
}
