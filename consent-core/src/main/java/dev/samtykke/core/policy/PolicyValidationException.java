package dev.samtykke.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy has problems; {@link #problems()} lists every one of them, each with its path. */
public final class PolicyValidationException extends PolicyException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    /**
     * @param source where the policy came from
     * @param problems every problem found, at least one
     */
    public PolicyValidationException(String source, List<PolicyProblem> problems) {
        super(source, message(source, problems), null);
        this.problems = List.copyOf(problems);
    }

    private static String message(String source, List<PolicyProblem> problems) {
        return "Consent policy " + source + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }

    /** Every problem found, in file order. */
    public List<PolicyProblem> problems() {
        return problems == null ? List.of() : problems; // null after deserialization: the message still lists them
    }
}
