package dev.samtykke.maven;

import dev.samtykke.core.notice.NoticeFormat;
import dev.samtykke.core.notice.NoticeRenderer;
import dev.samtykke.core.policy.ConsentPolicy;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/** Writes the privacy notice (HTML fragment or Markdown) for one locale. Bound to {@code generate-resources}. */
@Mojo(name = "render", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true, requiresProject = false)
public class RenderMojo extends PolicyMojo {

    /** {@code html} or {@code md}. */
    @Parameter(property = "samtykke.format", defaultValue = "html")
    String format;

    /** A locale of the policy, e.g. {@code en}; by default the policy's default locale. */
    @Parameter(property = "samtykke.lang")
    String lang;

    /** Where the notice goes; by default {@code target/samtykke/notice-LANG.FORMAT}. */
    @Parameter(property = "samtykke.output")
    File output;

    /** The build directory. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    /** Creates the goal (Maven does). */
    public RenderMojo() {
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        NoticeFormat noticeFormat = NoticeFormat.fromId(format)
                .orElseThrow(() -> new MojoExecutionException("unknown format '" + format + "' (formats: html, md)"));
        ConsentPolicy p = load(policy);
        Locale locale = p.defaultLocale();
        if (lang != null) {
            locale = p.locales().stream().filter(l -> l.toLanguageTag().equalsIgnoreCase(lang)).findFirst()
                    .orElseThrow(() -> new MojoExecutionException("policy '" + p.id() + "' has no locale '" + lang + "'"));
        }
        File target = output != null ? output
                : new File(buildDirectory, "samtykke/notice-" + locale.toLanguageTag() + "." + noticeFormat.id());
        try {
            Files.createDirectories(target.getAbsoluteFile().getParentFile().toPath());
            Files.writeString(target.toPath(), NoticeRenderer.render(p, locale, noticeFormat), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + target + ": " + e.getMessage(), e);
        }
        getLog().info("Samtykke: notice written to " + target);
    }
}
