package dev.samtykke.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A data processor (sub-contractor) that processes personal data on the controller's behalf.
 *
 * @param id stable identifier
 * @param name its name, or a description of a class of processors
 * @param description what it does and under which terms
 * @param location where the data is processed (e.g. {@code EEA}), or {@code null}
 * @param purposes ids of the purposes it processes data for (may be empty: all it is instructed to)
 */
public record Processor(String id, LocalizedText name, LocalizedText description, String location, List<String> purposes) {
    /** Creates a processor; an absent description becomes empty, absent purposes none. */
    public Processor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description = description == null ? LocalizedText.EMPTY : description;
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }
}
