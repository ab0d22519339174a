package dev.samtykke.scanner;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** consent-scanner is a named module that exports its API package and not its internals. */
class ScannerModuleDescriptorTest {

    @Test
    void exportsTheApiPackageOnly() throws Exception {
        Path classes = Path.of(SiteScanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor module = ModuleFinder.of(classes).findAll().stream().map(ModuleReference::descriptor)
                .findFirst().orElseThrow(() -> new AssertionError("no module descriptor in " + classes));

        assertThat(module.name()).isEqualTo("dev.samtykke.scanner");
        assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactly("dev.samtykke.scanner");
        assertThat(module.packages()).contains("dev.samtykke.scanner.internal");
    }
}
