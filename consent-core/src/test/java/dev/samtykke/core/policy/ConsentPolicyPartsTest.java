package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every declared part of a policy is one component of {@link PolicyParts}, set through the builder, read through
 * an accessor, carried by {@code toBuilder()} and compared by {@code equals} (which {@code PolicyDiff} relies on:
 * a part equals missed would be a change no rule reports).
 */
class ConsentPolicyPartsTest {

    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");

    @Test
    void changingAnyPartThroughTheBuilderMakesAnUnequalPolicyThatToBuilderCarries() throws Exception {
        for (RecordComponent part : PolicyParts.class.getRecordComponents()) {
            Object before = ConsentPolicy.class.getMethod(part.getName()).invoke(JACKON);
            Object changed = changed(part, before);
            ConsentPolicy.Builder builder = JACKON.toBuilder();
            setter(part).invoke(builder, changed);
            ConsentPolicy policy = builder.buildUnchecked();

            assertThat(policy).as("a policy whose %s changed", part.getName()).isNotEqualTo(JACKON);
            assertThat(ConsentPolicy.class.getMethod(part.getName()).invoke(policy)).as(part.getName()).isEqualTo(changed);
            ConsentPolicy copy = policy.toBuilder().buildUnchecked();
            assertThat(copy).as("toBuilder() carries %s", part.getName()).isEqualTo(policy);
            assertThat(copy.hashCode()).as(part.getName()).isEqualTo(policy.hashCode());
        }
    }

    @Test
    void everyBuilderSetterSetsAPart() {
        Set<String> parts = Arrays.stream(PolicyParts.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        List<String> setters = Arrays.stream(ConsentPolicy.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == ConsentPolicy.Builder.class)
                .map(Method::getName).filter(name -> !name.startsWith("add")).distinct().toList();

        assertThat(parts).as("a builder setter whose value PolicyParts does not hold is missed by equals")
                .containsAll(setters);
        assertThat(setters).as("a part without a builder setter").containsAll(parts);
    }

    /** The builder's setter for a part: the public method of that name taking the component's type. */
    private static Method setter(RecordComponent part) throws NoSuchMethodException {
        return ConsentPolicy.Builder.class.getMethod(part.getName(), part.getType());
    }

    /** A value of the part's type that differs from {@code before}. */
    private static Object changed(RecordComponent part, Object before) {
        Class<?> type = part.getType();
        if (type == List.class) {
            List<?> list = (List<?>) before;
            assertThat(list).as("the reference policy declares some %s", part.getName()).isNotEmpty();
            return List.copyOf(list.subList(0, list.size() - 1));
        }
        if (type == String.class) {
            return before + "-changed";
        }
        if (type == PolicyVersion.class) {
            return ((PolicyVersion) before).nextMinor();
        }
        if (type == LocalizedText.class) {
            return LocalizedText.of("changed");
        }
        if (type == Locale.class) {
            return before.equals(Locale.ENGLISH) ? Locale.GERMAN : Locale.ENGLISH;
        }
        if (type == TimeSpan.class) {
            return TimeSpan.of(Period.ofDays(3));
        }
        if (type == Controller.class) {
            Controller c = (Controller) before;
            return new Controller(c.name() + " changed", c.organisationNumber(), c.contact(), c.supervisoryAuthority());
        }
        if (type == Banner.class) {
            Banner b = (Banner) before;
            return new Banner(LocalizedText.of("changed"), b.text(), b.labels());
        }
        return fail("no changed value for a part of type " + type.getName() + ": add one to this test");
    }
}
