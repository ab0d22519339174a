package dev.samtykke.maven;

import dev.samtykke.core.diff.PolicyDiff;
import dev.samtykke.core.diff.PolicyDifference;
import dev.samtykke.core.policy.ConsentPolicy;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Compares the policy with its previous version (a file, or the same file at a git revision) and fails
 * the build when the version is not bumped as far as the changes require (MAJOR or MINOR). Bound to
 * {@code validate}.
 */
@Mojo(name = "diff", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = false)
public class DiffMojo extends PolicyMojo {

    /** The previous policy file. */
    @Parameter(property = "samtykke.previous")
    File previous;

    /** Or a git revision (e.g. {@code origin/main}, {@code HEAD~1}) at which to read the same policy file. */
    @Parameter(property = "samtykke.previousRevision")
    String previousRevision;

    /** Creates the goal (Maven does). */
    public DiffMojo() {
    }

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        if ((previous == null) == (previousRevision == null)) {
            throw new MojoExecutionException("samtykke:diff needs either <previous> (a file) or <previousRevision> (a git revision)");
        }
        ConsentPolicy after = load(policy);
        byte[] old = previous != null ? read(previous) : git(previousRevision);
        String oldName = previous != null ? previous.getName() : policy.getName();
        var checked = check(old, oldName);
        if (!checked.problems().isEmpty()) {
            throw new MojoFailureException("the previous policy (" + (previous != null ? previous : previousRevision) + ") has problems: "
                    + checked.problems());
        }
        PolicyDiff diff = PolicyDiff.between(checked.policy(), after);
        getLog().info("Samtykke: " + after.id() + " " + diff.oldVersion() + " -> " + diff.newVersion() + ": "
                + diff.differences().size() + " difference(s), change " + diff.level() + ", required version " + diff.requiredVersion());
        for (PolicyDifference difference : diff.differences()) {
            getLog().info("  " + difference);
        }
        if (!diff.isBumpSufficient()) {
            throw new MojoFailureException("version bump too small: " + diff.versionCheckMessage());
        }
    }

    /** The policy file's content at a revision, by {@code git show REV:./FILE} run in the file's directory. */
    private byte[] git(String revision) throws MojoExecutionException {
        if (!revision.matches("[A-Za-z0-9._/~^@{}-]{1,200}")) {
            throw new MojoExecutionException("invalid git revision '" + revision + "'");
        }
        File dir = policy.getAbsoluteFile().getParentFile();
        ProcessBuilder pb = new ProcessBuilder("git", "show", revision + ":./" + policy.getName()).directory(dir);
        try {
            Process process = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err));
            errReader.start();
            copy(process.getInputStream(), out);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MojoExecutionException("git show " + revision + " did not finish in 60 s");
            }
            errReader.join();
            if (process.exitValue() != 0) {
                throw new MojoExecutionException("cannot read " + policy.getName() + " at git revision " + revision + ": "
                        + err.toString(StandardCharsets.UTF_8).trim());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted", e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the exit code tells
        }
    }
}
