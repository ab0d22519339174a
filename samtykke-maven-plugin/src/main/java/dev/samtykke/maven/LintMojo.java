package dev.samtykke.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Checks the policy file and fails the build listing every problem with its path. Bound to {@code validate}. */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = false)
public class LintMojo extends PolicyMojo {

    /** Creates the goal (Maven does). */
    public LintMojo() {
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        var p = load(policy);
        getLog().info("Samtykke: " + policy.getName() + ": OK (policy " + p.id() + " " + p.version() + ": "
                + p.purposes().size() + " purposes, " + p.services().size() + " services)");
    }
}
