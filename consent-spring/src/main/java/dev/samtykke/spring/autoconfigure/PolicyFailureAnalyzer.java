package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.policy.PolicyException;
import dev.samtykke.core.policy.PolicyProblem;
import dev.samtykke.core.policy.PolicyValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.List;

/**
 * Explains a consent policy that stopped start-up: for a policy with problems, every problem with its
 * path in the file; for a policy that could not be read, why, and where it was looked for.
 */
public class PolicyFailureAnalyzer extends AbstractFailureAnalyzer<PolicyException> {

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public PolicyFailureAnalyzer() {
    }

    /**
     * The analysis.
     *
     * @param rootFailure the failure
     * @param cause the policy exception in its chain
     * @return the description and the action to take
     */
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PolicyException cause) {
        if (cause instanceof PolicyValidationException invalid) {
            List<PolicyProblem> problems = invalid.problems();
            StringBuilder description = new StringBuilder("The consent policy ").append(cause.source()).append(" has ")
                    .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(':');
            for (PolicyProblem problem : problems) {
                description.append("\n\n    ").append(problem.path()).append(": ").append(problem.message());
            }
            return new FailureAnalysis(description.toString(),
                    "Correct every problem listed above in " + cause.source() + ": each is given with its path in the"
                            + " policy file. The policy is read from the property samtykke.policy.", cause);
        }
        return new FailureAnalysis(cause.getMessage(),
                "Point the property samtykke.policy at a readable JSON or YAML consent policy: classpath:..., file:..."
                        + " or a file path (the default is classpath:consent-policy.json).", cause);
    }
}
