package dev.samtykke.core.diff;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules a policy difference is classified by. Each rule has a fixed {@link ChangeLevel}: the
 * {@code consent-…} rules (and a few others) are {@link ChangeLevel#MAJOR} because a grant given under
 * the old file would cover more than the visitor agreed to; every other rule is {@link ChangeLevel#MINOR}.
 *
 * <p>"A consent-based purpose" below means one that rests on consent in both files, so that
 * decisions under the old file hold grants of it.
 */
public enum DiffRule {

    // --- MAJOR: a grant under the old file would cover more ---------------------------------------

    /** The policy id changed: decisions recorded under the old id do not carry over. */
    POLICY_ID_CHANGED("policy-id-changed", ChangeLevel.MAJOR),
    /** An existing purpose's legal basis changed to consent: no visitor agreed to it (old decisions may record it as allowed). */
    LEGAL_BASIS_CHANGED_TO_CONSENT("legal-basis-changed-to-consent", ChangeLevel.MAJOR),
    /** A consent-based purpose moved to another category: the visitor agreed to it under the old one. */
    CONSENT_PURPOSE_MOVED("consent-purpose-moved", ChangeLevel.MAJOR),
    /** A consent-based purpose keeps data longer. */
    CONSENT_RETENTION_LENGTHENED("consent-retention-lengthened", ChangeLevel.MAJOR),
    /** A data category was added to a consent-based purpose. */
    CONSENT_DATA_CATEGORY_ADDED("consent-data-category-added", ChangeLevel.MAJOR),
    /** A collection channel was added to a consent-based purpose. */
    CONSENT_CHANNEL_ADDED("consent-channel-added", ChangeLevel.MAJOR),
    /** A service now serves a consent-based purpose (a new service, or an existing one given the purpose). */
    CONSENT_SERVICE_ADDED("consent-service-added", ChangeLevel.MAJOR),
    /**
     * A service needs fewer grants than before: it no longer serves a consent-based purpose while it
     * still serves others, so a grant of those alone now allows it.
     */
    CONSENT_SERVICE_GATE_RELAXED("consent-service-gate-relaxed", ChangeLevel.MAJOR),
    /** A service of a consent-based purpose has another provider (name or country). */
    CONSENT_PROVIDER_CHANGED("consent-provider-changed", ChangeLevel.MAJOR),
    /** A service of a consent-based purpose declares another Google Consent Mode type. */
    CONSENT_MODE_TYPE_ADDED("consent-mode-type-added", ChangeLevel.MAJOR),
    /** A service of a consent-based purpose declares a new network host: earlier grants would allow requests to it. */
    CONSENT_HOST_ADDED("consent-host-added", ChangeLevel.MAJOR),
    /** A cookie (or a {@code localStorage}/{@code sessionStorage} key) was added to a service of a consent-based purpose. */
    CONSENT_COOKIE_ADDED("consent-cookie-added", ChangeLevel.MAJOR),
    /** A cookie of a consent-based purpose lives longer. */
    CONSENT_COOKIE_LENGTHENED("consent-cookie-lengthened", ChangeLevel.MAJOR),
    /** A cookie of a consent-based purpose became third party, or its third-party domain changed. */
    CONSENT_COOKIE_THIRD_PARTY("consent-cookie-third-party", ChangeLevel.MAJOR),
    /** A processor now processes data for a consent-based purpose (a new processor, or an existing one given the purpose). */
    CONSENT_PROCESSOR_ADDED("consent-processor-added", ChangeLevel.MAJOR),
    /** A processor of a consent-based purpose processes the data elsewhere. */
    CONSENT_PROCESSOR_LOCATION_CHANGED("consent-processor-location-changed", ChangeLevel.MAJOR),
    /** A consent-based purpose is no longer denied by Global Privacy Control. */
    GPC_OPT_OUT_REMOVED("gpc-opt-out-removed", ChangeLevel.MAJOR),
    /** A legitimate-interest purpose can no longer be objected to: visitors' objections would be ignored. */
    OBJECTION_REMOVED("objection-removed", ChangeLevel.MAJOR),
    /** A purpose is no longer granted per service: services visitors refused would run under the purpose's grant. */
    SERVICE_CHOICE_REMOVED("service-choice-removed", ChangeLevel.MAJOR),
    /** A consent is kept longer before the visitor is asked again. */
    CONSENT_LIFETIME_LENGTHENED("consent-lifetime-lengthened", ChangeLevel.MAJOR),

    // --- MINOR: earlier decisions stay valid -------------------------------------------------------

    /** A purpose was added; a consent-based one is asked for on its own. */
    PURPOSE_ADDED("purpose-added", ChangeLevel.MINOR),
    /** A purpose was removed. */
    PURPOSE_REMOVED("purpose-removed", ChangeLevel.MINOR),
    /** A purpose changed in a way no grant is widened by (a legal basis changed away from consent, a shorter retention, a purpose without consent moved, …). */
    PURPOSE_CHANGED("purpose-changed", ChangeLevel.MINOR),
    /** A legitimate-interest purpose can now be objected to. */
    OBJECTION_ADDED("objection-added", ChangeLevel.MINOR),
    /** A purpose is now granted per service (earlier grants of the purpose cover each service), or no longer while it does not rest on consent. */
    SERVICE_CHOICE_ADDED("service-choice-added", ChangeLevel.MINOR),
    /** A data category was added to a purpose that does not rest on consent. */
    DATA_CATEGORY_ADDED("data-category-added", ChangeLevel.MINOR),
    /** A data category was removed from a purpose. */
    DATA_CATEGORY_REMOVED("data-category-removed", ChangeLevel.MINOR),
    /** A collection channel was added to a purpose that does not rest on consent. */
    CHANNEL_ADDED("channel-added", ChangeLevel.MINOR),
    /** A collection channel was removed from a purpose. */
    CHANNEL_REMOVED("channel-removed", ChangeLevel.MINOR),
    /** A service was added that no earlier grant covers. */
    SERVICE_ADDED("service-added", ChangeLevel.MINOR),
    /** A service was removed. */
    SERVICE_REMOVED("service-removed", ChangeLevel.MINOR),
    /** A service changed in a way no grant is widened by. */
    SERVICE_CHANGED("service-changed", ChangeLevel.MINOR),
    /** A host was added to a service that no earlier grant covers (one that needs no consent, or one with a new purpose). */
    HOST_ADDED("host-added", ChangeLevel.MINOR),
    /** A host was removed from a service. */
    HOST_REMOVED("host-removed", ChangeLevel.MINOR),
    /** A cookie (or storage key) was added that no earlier grant covers. */
    COOKIE_ADDED("cookie-added", ChangeLevel.MINOR),
    /** A cookie was removed. */
    COOKIE_REMOVED("cookie-removed", ChangeLevel.MINOR),
    /** A cookie changed in a way no grant is widened by (shorter, now first party, …). */
    COOKIE_CHANGED("cookie-changed", ChangeLevel.MINOR),
    /** A processor was added that processes data for no consent-based purpose. */
    PROCESSOR_ADDED("processor-added", ChangeLevel.MINOR),
    /** A processor was removed. */
    PROCESSOR_REMOVED("processor-removed", ChangeLevel.MINOR),
    /** A processor changed in a way no grant is widened by. */
    PROCESSOR_CHANGED("processor-changed", ChangeLevel.MINOR),
    /** A category was added. */
    CATEGORY_ADDED("category-added", ChangeLevel.MINOR),
    /** A category was removed. */
    CATEGORY_REMOVED("category-removed", ChangeLevel.MINOR),
    /** A data category or collection channel definition was added. */
    DEFINITION_ADDED("definition-added", ChangeLevel.MINOR),
    /** A data category or collection channel definition was removed. */
    DEFINITION_REMOVED("definition-removed", ChangeLevel.MINOR),
    /** A text or a translation changed. */
    TEXT_CHANGED("text-changed", ChangeLevel.MINOR),
    /** The locales or the default locale changed. */
    LOCALES_CHANGED("locales-changed", ChangeLevel.MINOR),
    /** The controller, its contact details or the supervisory authority changed. */
    CONTROLLER_CHANGED("controller-changed", ChangeLevel.MINOR),
    /** The rights listed changed. */
    RIGHTS_CHANGED("rights-changed", ChangeLevel.MINOR),
    /** The consent lifetime got shorter, or the refusal lifetime changed. */
    LIFETIME_CHANGED("lifetime-changed", ChangeLevel.MINOR),
    /** Entries were reordered. */
    ORDER_CHANGED("order-changed", ChangeLevel.MINOR),
    /** Anything else (the jurisdiction, …). */
    OTHER_CHANGED("other-changed", ChangeLevel.MINOR);

    private final String id;
    private final ChangeLevel level;

    DiffRule(String id, ChangeLevel level) {
        this.id = id;
        this.level = level;
    }

    /**
     * The rule's name as reports print it.
     *
     * @return e.g. {@code consent-cookie-added}
     */
    public String id() {
        return id;
    }

    /**
     * The level a difference under this rule requires.
     *
     * @return {@link ChangeLevel#MAJOR} or {@link ChangeLevel#MINOR}
     */
    public ChangeLevel level() {
        return level;
    }

    /**
     * The rule with a name.
     *
     * @param id a name such as {@code consent-cookie-added}
     * @return the rule, or empty if there is none of that name
     */
    public static Optional<DiffRule> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
