package dev.samtykke.spring;

import java.util.List;

/**
 * A method annotated {@code @RequiresConsent(whenNotGranted = THROW)} was called without the consent it
 * needs. In Spring MVC, one that reaches the dispatcher unhandled is answered with
 * {@code samtykke.web.not-granted-status} (204 by default).
 */
public final class ConsentRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> purposes;

    /**
     * @param purposes the purpose ids the method requires
     * @param method a description of the method, for the message
     */
    public ConsentRequiredException(List<String> purposes, String method) {
        super(method + " requires consent to " + String.join(", ", purposes)
                + ", which the current request does not grant");
        this.purposes = List.copyOf(purposes);
    }

    /**
     * The purposes the method requires.
     *
     * @return purpose ids
     */
    public List<String> purposes() {
        return purposes;
    }
}
