package dev.samtykke.core.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The declared parts of a {@link ConsentPolicy}, in one place: the policy wraps one of these, takes its
 * {@code equals} and {@code hashCode} from it (which {@code PolicyDiffer} relies on being complete), and its
 * builder copies one. A new part of the policy is a new component here, an accessor on the policy and a
 * setter on the builder; {@code ConsentPolicyPartsTest} fails if the builder does not reach it.
 *
 * <p>The compact constructor applies the defaults the builder documents and copies the lists.
 */
record PolicyParts(String id, PolicyVersion version, LocalizedText title, Locale defaultLocale, List<Locale> locales,
                   TimeSpan consentLifetime, TimeSpan refusalLifetime, Controller controller, LocalizedText noticeUrl,
                   String jurisdiction, Banner banner, List<DataSubjectRight> rights, List<Category> categories,
                   List<Purpose> purposes, List<Service> services, List<DataCategory> dataCategories,
                   List<Processor> processors, List<CollectionChannel> channels) {

    PolicyParts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        title = title == null ? LocalizedText.EMPTY : title;
        Objects.requireNonNull(defaultLocale, "defaultLocale");
        locales = locales.isEmpty() ? List.of(defaultLocale) : List.copyOf(locales);
        consentLifetime = consentLifetime == null ? ConsentPolicy.DEFAULT_CONSENT_LIFETIME : consentLifetime;
        refusalLifetime = refusalLifetime == null ? ConsentPolicy.DEFAULT_REFUSAL_LIFETIME : refusalLifetime;
        Objects.requireNonNull(controller, "controller");
        noticeUrl = noticeUrl == null ? LocalizedText.EMPTY : noticeUrl;
        banner = banner == null ? Banner.DEFAULT : banner;
        rights = List.copyOf(rights);
        categories = List.copyOf(categories);
        purposes = List.copyOf(purposes);
        services = List.copyOf(services);
        dataCategories = List.copyOf(dataCategories);
        processors = List.copyOf(processors);
        channels = List.copyOf(channels);
    }
}
