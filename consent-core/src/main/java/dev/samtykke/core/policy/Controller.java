package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * The data controller: who decides why and how personal data is processed.
 *
 * @param name the legal name, e.g. {@code Jackon AS}
 * @param organisationNumber a registry number, or {@code null}
 * @param contact how to reach the controller
 * @param supervisoryAuthority where a visitor may complain
 */
public record Controller(String name, String organisationNumber, Contact contact, SupervisoryAuthority supervisoryAuthority) {
    /** Creates a controller; absent contact details become {@link Contact#NONE}. */
    public Controller {
        Objects.requireNonNull(name, "name");
        contact = contact == null ? Contact.NONE : contact;
        Objects.requireNonNull(supervisoryAuthority, "supervisoryAuthority");
    }
}
