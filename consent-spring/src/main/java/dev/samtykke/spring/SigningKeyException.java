package dev.samtykke.spring;

/**
 * The consent cookie's signing key is missing or unusable. Start-up stops with a report saying which
 * property to set (see {@code samtykke.keys.*} and {@code samtykke.development}).
 */
public final class SigningKeyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the property
     * @param cause the underlying error, or {@code null}
     */
    public SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
