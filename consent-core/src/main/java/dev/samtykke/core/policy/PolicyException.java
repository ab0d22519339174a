package dev.samtykke.core.policy;

/** A policy could not be loaded or is not valid. The message names the source and every problem. */
public class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where the policy came from. */
    private final String source;

    PolicyException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** Where the policy came from: a file path, a classpath resource, or a description of a stream. */
    public String source() {
        return source;
    }
}
