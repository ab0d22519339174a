package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * The data protection authority a visitor may complain to (in Norway, Datatilsynet).
 *
 * @param name the authority's name
 * @param contact how to reach it
 */
public record SupervisoryAuthority(LocalizedText name, Contact contact) {
    /** Creates an authority; absent contact details become {@link Contact#NONE}. */
    public SupervisoryAuthority {
        Objects.requireNonNull(name, "name");
        contact = contact == null ? Contact.NONE : contact;
    }
}
