package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * A way personal data is collected, e.g. cookies or forms.
 *
 * @param id stable identifier
 * @param title the name shown to visitors
 * @param description how the data is collected
 */
public record CollectionChannel(String id, LocalizedText title, LocalizedText description) {
    /** Creates a channel; an absent description becomes empty. */
    public CollectionChannel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? LocalizedText.EMPTY : description;
    }
}
