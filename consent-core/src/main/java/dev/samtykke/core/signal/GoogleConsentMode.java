package dev.samtykke.core.signal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentModeDefaults;
import dev.samtykke.core.policy.ConsentModeType;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google Consent Mode v2 signals for {@code gtag('consent', 'default', …)} and
 * {@code gtag('consent', 'update', …)}, covering the seven consent types of {@link ConsentModeType}.
 *
 * <ul>
 *   <li>{@code default}: every type {@code denied} except {@code security_storage} ({@code granted}),
 *       with {@code wait_for_update} so that tags wait for the update.</li>
 *   <li>{@code update}: a type is {@code granted} when at least one service of the policy declares it and
 *       every service declaring it is allowed by the state (fail closed: a type shared by an allowed and a
 *       refused service stays denied); {@code security_storage} is always granted; the rest denied.</li>
 * </ul>
 * The JSON forms are objects a page can pass to {@code gtag} as they are.
 */
public final class GoogleConsentMode {

    /** The default {@code wait_for_update}, in milliseconds. */
    public static final int DEFAULT_WAIT_FOR_UPDATE_MILLIS = 500;
    /** The value of a granted type. */
    public static final String GRANTED = "granted";
    /** The value of a denied type. */
    public static final String DENIED = "denied";
    /** The key of the wait time in the {@code default} command. */
    public static final String WAIT_FOR_UPDATE = "wait_for_update";
    /** The key of the regions a {@code default} command applies to. */
    public static final String REGION = "region";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoogleConsentMode() {
    }

    /**
     * The {@code default} command with {@code wait_for_update} of {@value #DEFAULT_WAIT_FOR_UPDATE_MILLIS} ms:
     * type name to {@code granted}/{@code denied}, and {@code wait_for_update} to its number as text.
     */
    public static Map<String, String> defaultCommand() {
        return defaultCommand(DEFAULT_WAIT_FOR_UPDATE_MILLIS);
    }

    /**
     * The {@code default} command with the given wait.
     *
     * @param waitForUpdateMillis how long tags wait for the update, in milliseconds (not negative)
     * @return type name to {@code granted}/{@code denied}, and {@code wait_for_update} to its number as text
     */
    public static Map<String, String> defaultCommand(int waitForUpdateMillis) {
        if (waitForUpdateMillis < 0) {
            throw new IllegalArgumentException("wait_for_update must not be negative: " + waitForUpdateMillis);
        }
        Map<String, String> command = new LinkedHashMap<>();
        for (ConsentModeType type : ConsentModeType.values()) {
            command.put(type.id(), type == ConsentModeType.SECURITY_STORAGE ? GRANTED : DENIED);
        }
        command.put(WAIT_FOR_UPDATE, Integer.toString(waitForUpdateMillis));
        return Collections.unmodifiableMap(command);
    }

    /** The {@code default} command as JSON, {@code wait_for_update} a number. */
    public static String defaultCommandJson() {
        return defaultCommandJson(DEFAULT_WAIT_FOR_UPDATE_MILLIS);
    }

    /**
     * The {@code default} command a policy asks for ({@code banner.consentMode}) as JSON: its
     * {@code wait_for_update}, and its {@code region} list when it names regions (the default then applies
     * only to visitors there; write a command per set of regions, this one last, for the others).
     *
     * @param policy the policy
     * @return e.g. {@code {"ad_storage":"denied",…,"security_storage":"granted","wait_for_update":500,"region":["NO"]}}
     */
    public static String defaultCommandJson(ConsentPolicy policy) {
        ConsentModeDefaults settings = policy.banner().consentMode();
        Map<String, Object> json = new LinkedHashMap<>(defaultCommand(settings.waitForUpdateMillis()));
        json.put(WAIT_FOR_UPDATE, settings.waitForUpdateMillis());
        if (!settings.regions().isEmpty()) {
            json.put(REGION, settings.regions());
        }
        return write(json);
    }

    /** The {@code default} command with the given wait as JSON, {@code wait_for_update} a number. */
    public static String defaultCommandJson(int waitForUpdateMillis) {
        Map<String, Object> json = new LinkedHashMap<>(defaultCommand(waitForUpdateMillis));
        json.put(WAIT_FOR_UPDATE, waitForUpdateMillis);
        return write(json);
    }

    /**
     * The {@code update} command for a consent state.
     *
     * @param state the request's consent state
     * @return every type name to {@code granted} or {@code denied}
     */
    public static Map<String, String> update(ConsentState state) {
        Map<ConsentModeType, Boolean> granted = new LinkedHashMap<>();
        for (Service service : state.policy().services()) {
            boolean allowed = state.allowsService(service.id());
            for (ConsentModeType type : service.consentModeTypes()) {
                granted.merge(type, allowed, Boolean::logicalAnd);
            }
        }
        Map<String, String> command = new LinkedHashMap<>();
        for (ConsentModeType type : ConsentModeType.values()) {
            boolean on = type == ConsentModeType.SECURITY_STORAGE || Boolean.TRUE.equals(granted.get(type));
            command.put(type.id(), on ? GRANTED : DENIED);
        }
        return Collections.unmodifiableMap(command);
    }

    /** The {@code update} command for a consent state, as JSON. */
    public static String updateJson(ConsentState state) {
        return write(update(state));
    }

    private static String write(Map<String, ?> json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a map of strings and numbers as JSON", e);
        }
    }
}
