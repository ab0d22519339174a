package dev.samtykke.servlet;

import dev.samtykke.core.cookie.KeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The library jars are Java modules that export their API only: loaded as modules (a module layer built from
 * the compiled classes and their dependencies), a user's code reaches the API packages, and the internal ones
 * ({@code dev.samtykke.core.internal}, {@code dev.samtykke.servlet.internal}) refuse access.
 */
class ModuleEncapsulationTest {

    private static ModuleLayer layer;

    @BeforeAll
    static void loadTheLibraryAsModules() throws Exception {
        List<Path> paths = new ArrayList<>();
        paths.add(locationOf(KeyRing.class));
        paths.add(locationOf(ConsentFilter.class));
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).map(Path::of).forEach(paths::add);
        ModuleFinder finder = ModuleFinder.of(paths.toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of("dev.samtykke.servlet"));
        layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    private static Path locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Set<String> exports(String module) {
        ModuleDescriptor descriptor = layer.findModule(module).orElseThrow().getDescriptor();
        return descriptor.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
    }

    @Test
    void theCoreExportsItsApiPackagesAndNotItsInternals() {
        Module core = layer.findModule("dev.samtykke.core").orElseThrow();
        assertThat(exports("dev.samtykke.core")).containsExactlyInAnyOrder("dev.samtykke.core.consent",
                "dev.samtykke.core.cookie", "dev.samtykke.core.diff", "dev.samtykke.core.events", "dev.samtykke.core.events.jdbc",
                "dev.samtykke.core.ledger",
                "dev.samtykke.core.ledger.jdbc", "dev.samtykke.core.ledger.spi", "dev.samtykke.core.notice",
                "dev.samtykke.core.policy", "dev.samtykke.core.signal", "dev.samtykke.core.stats",
                "dev.samtykke.core.stats.jdbc");
        assertThat(core.getPackages()).contains("dev.samtykke.core.internal");
        assertThat(core.isExported("dev.samtykke.core.internal")).isFalse();
    }

    @Test
    void theServletModuleExportsOnlyItsApiPackage() {
        Module servlet = layer.findModule("dev.samtykke.servlet").orElseThrow();
        assertThat(exports("dev.samtykke.servlet")).containsExactlyInAnyOrder("dev.samtykke.servlet",
                "dev.samtykke.servlet.console");
        assertThat(servlet.getPackages()).contains("dev.samtykke.servlet.console.internal");
        assertThat(servlet.getDescriptor().exports()).noneMatch(e -> e.source().equals("dev.samtykke.servlet.console.internal"));
        assertThat(servlet.getPackages()).contains("dev.samtykke.servlet.internal");
        assertThat(servlet.getDescriptor().exports()).noneMatch(e -> e.source().equals("dev.samtykke.servlet.internal"));
    }

    @Test
    void userCodeReachesTheApiButNotTheGrantsFastPath() throws Exception {
        ClassLoader loader = layer.findLoader("dev.samtykke.core");
        Method development = loader.loadClass("dev.samtykke.core.cookie.KeyRing").getMethod("development");
        assertThat(development.invoke(null)).isNotNull();

        Method layout = loader.loadClass("dev.samtykke.core.internal.GrantLayout").getMethod("of", java.util.Collection.class);
        assertThatThrownBy(() -> layout.invoke(null, List.of("analytics"))).isInstanceOf(IllegalAccessException.class)
                .hasMessageContaining("does not export dev.samtykke.core.internal");
    }

    @Test
    void userCodeCannotReachTheServletInternals() throws Exception {
        ClassLoader loader = layer.findLoader("dev.samtykke.servlet");
        Method configure = Arrays.stream(loader.loadClass("dev.samtykke.servlet.internal.InitParameters").getMethods())
                .filter(m -> m.getName().equals("configure")).findFirst().orElseThrow();
        assertThatThrownBy(() -> configure.invoke(null, null, null)).isInstanceOf(IllegalAccessException.class)
                .hasMessageContaining("does not export dev.samtykke.servlet.internal");
    }

    @Test
    void theModulePathTakesTheLibraryAsNamedModulesNotAutomaticOnes() {
        assertThat(layer.findModule("dev.samtykke.core").orElseThrow().getDescriptor().isAutomatic()).isFalse();
        assertThat(layer.findModule("dev.samtykke.servlet").orElseThrow().getDescriptor().isAutomatic()).isFalse();
    }
}
