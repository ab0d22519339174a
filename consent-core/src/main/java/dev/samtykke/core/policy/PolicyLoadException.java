package dev.samtykke.core.policy;

/** A policy file could not be read or parsed: missing, unreadable, or not well-formed JSON/YAML. */
public final class PolicyLoadException extends PolicyException {

    private static final long serialVersionUID = 1L;

    PolicyLoadException(String source, String problem, Throwable cause) {
        super(source, "Cannot load consent policy from " + source + ": " + problem, cause);
    }
}
