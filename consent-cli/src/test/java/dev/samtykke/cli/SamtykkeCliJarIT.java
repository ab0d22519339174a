package dev.samtykke.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the packaged, shaded jar with {@code java -jar}, as a policy repository's CI would (failsafe, mvn verify). */
class SamtykkeCliJarIT {

    record Result(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    static Result java(Path dir, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("samtykke.cli.jar");
        assertThat(jar).as("system property samtykke.cli.jar").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    Path copy(String resource, String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void runsEveryCommandFromTheExecutableJar() throws Exception {
        Path jackon = copy("policies/jackon.yaml", "jackon.yaml");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"id\": \"x\"}");

        assertThat(java(dir, "--help").code()).isZero();
        assertThat(java(dir, "lint", jackon.toString())).satisfies(r -> {
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("OK (policy jackon 1.0");
        });
        assertThat(java(dir, "lint", broken.toString()).code()).isEqualTo(1);
        assertThat(java(dir, "render", jackon.toString(), "--format", "md").out()).contains("## Personvernerklæring", "| \\_ga | Google Analytics 4 |");
        assertThat(java(dir, "diff", jackon.toString(), jackon.toString()).out()).contains("OK: no change");
        assertThat(java(dir, "cookies", jackon.toString()).out()).startsWith("name,service,provider,");
        assertThat(java(dir, "render", "missing.json")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("cannot read missing.json: no such file");
        });
        assertThat(java(dir, "scan", "--policy", jackon.toString(), "--url", "http://127.0.0.1:9/", "--chromium",
                dir.resolve("no-chromium").toString())).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("apt-get install -y chromium chromium-driver");
        });
    }

    @Test
    void shipsTheOpenCookieDatabaseWithItsLicenceAndNotice() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("samtykke.cli.jar"))) {
            assertThat(jar.getEntry("dev/samtykke/scanner/open-cookie-database/open-cookie-database.csv")).isNotNull();
            assertThat(jar.getEntry("dev/samtykke/scanner/open-cookie-database/LICENSE")).isNotNull();
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)).contains("Open Cookie Database");
        }
    }
}
