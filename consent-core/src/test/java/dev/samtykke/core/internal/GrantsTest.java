package dev.samtykke.core.internal;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantsTest {

    private final Map<String, Boolean> source = Map.of("stats", true, "ads", false, "language", true);

    @Test
    void iteratesInPurposeIdOrderAndEqualsAnyMapWithTheSameEntries() {
        Grants grants = Grants.of(source);

        assertThat(grants.keySet()).containsExactly("ads", "language", "stats");
        assertThat(grants).isEqualTo(new TreeMap<>(source)).isEqualTo(new HashMap<>(source));
        assertThat(grants.hashCode()).isEqualTo(source.hashCode());
        assertThat(grants).hasToString("{ads=false, language=true, stats=true}");
        assertThat(grants.get("ads")).isFalse();
        assertThat(grants.get("stats")).isTrue();
        assertThat(grants.get("unknown")).isNull();
        assertThat(grants.get(42)).isNull();
        assertThat(grants.containsKey("language")).isTrue();
        assertThat(grants.containsKey(null)).isFalse();
    }

    @Test
    void findsEveryIdAmongManyAndAmongEqualHashCodes() {
        Map<String, Boolean> many = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            many.put("purpose-" + i, i % 3 == 0);
        }
        many.put("Aa", true); // "Aa" and "BB" share their hash code
        many.put("BB", false);
        Grants grants = Grants.of(many);

        many.forEach((id, granted) -> assertThat(grants.get(id)).as(id).isEqualTo(granted));
        assertThat(grants.get("AaBB")).isNull();
        assertThat(grants.get("purpose-300")).isNull();
        assertThat(grants).isEqualTo(many);
    }

    @Test
    void isImmutableAndUnaffectedByItsSource() {
        Map<String, Boolean> mutable = new HashMap<>(source);
        Grants grants = Grants.of(mutable);
        mutable.put("retargeting", true);

        assertThat(grants).hasSize(3);
        assertThatThrownBy(() -> grants.put("x", true)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> grants.remove("ads")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(grants::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> grants.entrySet().iterator().next().setValue(true))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Grants.of(grants)).isSameAs(grants);
    }

    @Test
    void refusesNullIdsAndValues() {
        Map<String, Boolean> nullValue = new HashMap<>();
        nullValue.put("stats", null);
        Map<String, Boolean> nullKey = new HashMap<>();
        nullKey.put(null, true);

        assertThatThrownBy(() -> Grants.of(nullValue)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Grants.of(nullKey)).isInstanceOf(NullPointerException.class);
        assertThat(Grants.of(Map.of())).isEmpty();
    }
}
