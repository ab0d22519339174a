package dev.samtykke.spring;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * consent-spring is a named module that exports its API and its auto-configuration, not its internals (which
 * only Spring reaches, by reflection). The servlet and core modules are checked by consent-servlet's
 * {@code ModuleEncapsulationTest}, which also loads them into a module layer.
 */
class SpringModuleDescriptorTest {

    private static ModuleDescriptor descriptor() throws Exception {
        Path classes = Path.of(RequiresConsent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(classes).findAll().stream().map(ModuleReference::descriptor).findFirst()
                .orElseThrow(() -> new AssertionError("no module descriptor in " + classes));
    }

    @Test
    void exportsTheApiAndTheAutoConfigurationOnly() throws Exception {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo("dev.samtykke.spring");
        Set<String> exported = module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported).containsExactlyInAnyOrder("dev.samtykke.spring", "dev.samtykke.spring.autoconfigure");
        assertThat(module.packages()).contains("dev.samtykke.spring.internal");
    }

    @Test
    void opensItsInternalsToSpringOnly() throws Exception {
        assertThat(descriptor().opens()).allSatisfy(opens -> {
            assertThat(opens.isQualified()).as(opens.source() + " is opened to named modules only").isTrue();
            assertThat(opens.targets()).allMatch(target -> target.startsWith("spring."));
        });
    }
}
