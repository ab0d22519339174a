package dev.samtykke.core.signal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GlobalPrivacyControlTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", " 1", "1 ", "\t1\t", "  1  "})
    void exactlyOneIsTheSignalWithOptionalWhitespaceAroundIt(String value) {
        assertThat(GlobalPrivacyControl.isSignalled(value)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0", "true", "yes", "01", "1.0", "11", "1, 1", "1,1", "1;", "\"1\"", "1\n", "\n1", "\u00a01",
            "\uff11", "\u0661", "I", "l", " ", "-1", "+1"})
    void anythingElseIsNoSignal(String value) {
        assertThat(GlobalPrivacyControl.isSignalled(value)).isFalse();
    }

    @Test
    void namesTheHeader() {
        assertThat(GlobalPrivacyControl.HEADER).isEqualTo("Sec-GPC");
    }
}
