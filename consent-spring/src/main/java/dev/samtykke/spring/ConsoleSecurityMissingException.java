package dev.samtykke.spring;

/**
 * Start-up stops with this when {@code samtykke.console.enabled=true} and Spring Security is not on the class path:
 * the console is never served without it.
 */
public class ConsoleSecurityMissingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * The failure.
     *
     * @param message what is missing
     */
    public ConsoleSecurityMissingException(String message) {
        super(message);
    }
}
