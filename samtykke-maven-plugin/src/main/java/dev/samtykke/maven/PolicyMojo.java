package dev.samtykke.maven;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoadException;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.PolicyProblem;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/** What every goal shares: the policy file, and a switch to skip the goal. */
abstract class PolicyMojo extends AbstractMojo {

    /** The policy file (JSON, or YAML when it ends in {@code .yaml} or {@code .yml}). */
    @Parameter(property = "samtykke.policy", defaultValue = "${project.basedir}/policy.json", required = true)
    File policy;

    /** Skips the goal. */
    @Parameter(property = "samtykke.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Samtykke: skipped");
            return;
        }
        run();
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The problems of a policy file's bytes; the file unreadable is an execution error. */
    static PolicyLoader.Result check(byte[] bytes, String name) {
        try {
            return PolicyLoader.check(bytes, PolicyLoader.Format.ofName(name), name);
        } catch (PolicyLoadException e) {
            return new PolicyLoader.Result(null, List.of(new PolicyProblem("", e.getMessage())));
        }
    }

    static byte[] read(File file) throws MojoExecutionException {
        try {
            return Files.readAllBytes(file.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the policy " + file + ": " + e.getMessage(), e);
        }
    }

    /** The valid policy, or a build failure listing every problem. */
    ConsentPolicy load(File file) throws MojoExecutionException, MojoFailureException {
        PolicyLoader.Result result = check(read(file), file.getName());
        if (!result.problems().isEmpty()) {
            throw new MojoFailureException(file + " has " + result.problems().size() + " problem(s):"
                    + result.problems().stream().map(p -> "\n  - " + p).collect(Collectors.joining()));
        }
        return result.policy();
    }
}
