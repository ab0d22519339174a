package dev.samtykke.scanner;

/** A scan could not run: the browser is missing, or the site is unreachable. Exit code 2 in the CLI. */
public class ScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and how to fix it
     * @param cause the underlying error, or {@code null}
     */
    public ScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
