package dev.samtykke.spring;

import java.util.List;

/**
 * A {@link RequiresConsent} names a purpose the consent policy does not declare, or no purpose at all.
 * Such a gate could never open, so start-up stops with a report listing every such annotation.
 */
public final class UnknownConsentPurposeException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The problems, one per annotated element. */
    private final List<String> problems;

    /**
     * @param problems one line per annotation, naming the bean, the element and the purpose
     * @param purposes the policy's consent-based purpose ids, for the report
     */
    public UnknownConsentPurposeException(List<String> problems, List<String> purposes) {
        super(problems.size() + " @RequiresConsent " + (problems.size() == 1 ? "annotation names" : "annotations name")
                + " no purpose of the consent policy:\n  " + String.join("\n  ", problems)
                + "\nThe policy's consent-based purposes: " + String.join(", ", purposes));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems.
     *
     * @return one line per annotation, naming the bean, the element and the purpose
     */
    public List<String> problems() {
        return problems;
    }
}
