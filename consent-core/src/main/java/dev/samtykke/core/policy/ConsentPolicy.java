package dev.samtykke.core.policy;

import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A site's consent policy: purposes, categories, services and cookies, data categories, processors,
 * the controller and the texts, in one immutable value. Load one with {@link PolicyLoader}, or
 * build one with {@link #builder()}; both validate it with {@link PolicyValidator}.
 *
 * <p>Look-ups by id ({@link #purpose(String)}, {@link #service(String)}, …) are hash look-ups, and
 * {@link #cookies()} resolves a concrete cookie name to its declaration.
 */
public final class ConsentPolicy {

    /** The consent lifetime when a policy does not set one: 12 months. */
    public static final TimeSpan DEFAULT_CONSENT_LIFETIME = TimeSpan.of(Period.ofMonths(12));
    /** The refusal lifetime when a policy does not set one: 6 months. */
    public static final TimeSpan DEFAULT_REFUSAL_LIFETIME = TimeSpan.of(Period.ofMonths(6));

    /** Norwegian tags that stand in for each other: Bokmål first (the more widely read), then the macrolanguage, then Nynorsk. */
    private static final List<String> NORWEGIAN = List.of("nb", "no", "nn");

    private final String id;
    private final PolicyVersion version;
    private final LocalizedText title;
    private final Locale defaultLocale;
    private final List<Locale> locales;
    private final TimeSpan consentLifetime;
    private final TimeSpan refusalLifetime;
    private final Controller controller;
    private final LocalizedText noticeUrl;
    private final String jurisdiction;
    private final Banner banner;
    private final List<DataSubjectRight> rights;
    private final List<Category> categories;
    private final List<Purpose> purposes;
    private final List<Service> services;
    private final List<DataCategory> dataCategories;
    private final List<Processor> processors;
    private final List<CollectionChannel> channels;

    private final Map<String, Category> categoryById;
    private final Map<String, Purpose> purposeById;
    private final Map<String, Service> serviceById;
    private final Map<String, DataCategory> dataCategoryById;
    private final List<Purpose> consentPurposes;
    private final CookieIndex cookieIndex;

    private ConsentPolicy(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.version = Objects.requireNonNull(b.version, "version");
        this.title = b.title == null ? LocalizedText.EMPTY : b.title;
        this.defaultLocale = Objects.requireNonNull(b.defaultLocale, "defaultLocale");
        this.locales = b.locales.isEmpty() ? List.of(defaultLocale) : List.copyOf(b.locales);
        this.consentLifetime = b.consentLifetime == null ? DEFAULT_CONSENT_LIFETIME : b.consentLifetime;
        this.refusalLifetime = b.refusalLifetime == null ? DEFAULT_REFUSAL_LIFETIME : b.refusalLifetime;
        this.controller = Objects.requireNonNull(b.controller, "controller");
        this.noticeUrl = b.noticeUrl == null ? LocalizedText.EMPTY : b.noticeUrl;
        this.jurisdiction = b.jurisdiction;
        this.banner = b.banner == null ? Banner.DEFAULT : b.banner;
        this.rights = List.copyOf(b.rights);
        this.categories = List.copyOf(b.categories);
        this.purposes = List.copyOf(b.purposes);
        this.services = List.copyOf(b.services);
        this.dataCategories = List.copyOf(b.dataCategories);
        this.processors = List.copyOf(b.processors);
        this.channels = List.copyOf(b.channels);

        this.categoryById = index(categories, Category::id);
        this.purposeById = index(purposes, Purpose::id);
        this.serviceById = index(services, Service::id);
        this.dataCategoryById = index(dataCategories, DataCategory::id);
        this.consentPurposes = purposes.stream().filter(Purpose::requiresConsent).toList();
        this.cookieIndex = new CookieIndex(services);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.putIfAbsent(key.apply(item), item);
        }
        return Collections.unmodifiableMap(map);
    }

    /** A builder for a policy; {@link Builder#build()} validates it. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this policy's content, to derive a changed policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.version = version;
        b.title = title;
        b.defaultLocale = defaultLocale;
        b.locales = new ArrayList<>(locales);
        b.consentLifetime = consentLifetime;
        b.refusalLifetime = refusalLifetime;
        b.controller = controller;
        b.noticeUrl = noticeUrl;
        b.jurisdiction = jurisdiction;
        b.banner = banner;
        b.rights = new ArrayList<>(rights);
        b.categories = new ArrayList<>(categories);
        b.purposes = new ArrayList<>(purposes);
        b.services = new ArrayList<>(services);
        b.dataCategories = new ArrayList<>(dataCategories);
        b.processors = new ArrayList<>(processors);
        b.channels = new ArrayList<>(channels);
        return b;
    }

    /** The policy's stable identifier, e.g. {@code jackon}. */
    public String id() {
        return id;
    }

    /** The version, {@code MAJOR.MINOR}. */
    public PolicyVersion version() {
        return version;
    }

    /** The notice's title, if any. */
    public LocalizedText title() {
        return title;
    }

    /** The locale texts fall back to. */
    public Locale defaultLocale() {
        return defaultLocale;
    }

    /** Every locale the policy is written in, the default among them. */
    public List<Locale> locales() {
        return locales;
    }

    /** How long a consent is kept before the visitor is asked again (default 12 months). */
    public TimeSpan consentLifetime() {
        return consentLifetime;
    }

    /** How long a refusal is remembered before the visitor is asked again (default 6 months). */
    public TimeSpan refusalLifetime() {
        return refusalLifetime;
    }

    /** The data controller. */
    public Controller controller() {
        return controller;
    }

    /** Where the full privacy notice is published, per locale. */
    public LocalizedText noticeUrl() {
        return noticeUrl;
    }

    /** The jurisdiction whose law applies (e.g. {@code NO}), or {@code null}. */
    public String jurisdiction() {
        return jurisdiction;
    }

    /** The banner's texts. */
    public Banner banner() {
        return banner;
    }

    /** The rights the notice grants the visitor. */
    public List<DataSubjectRight> rights() {
        return rights;
    }

    /** The categories, in file order. */
    public List<Category> categories() {
        return categories;
    }

    /** The purposes, in file order. */
    public List<Purpose> purposes() {
        return purposes;
    }

    /** The purposes whose legal basis is consent, in file order. */
    public List<Purpose> consentPurposes() {
        return consentPurposes;
    }

    /** The services, in file order. */
    public List<Service> services() {
        return services;
    }

    /** The data categories, in file order. */
    public List<DataCategory> dataCategories() {
        return dataCategories;
    }

    /** The processors, in file order. */
    public List<Processor> processors() {
        return processors;
    }

    /** The collection channels, in file order. */
    public List<CollectionChannel> channels() {
        return channels;
    }

    /** The category with this id. */
    public Optional<Category> category(String categoryId) {
        return Optional.ofNullable(categoryById.get(categoryId));
    }

    /** The purpose with this id. */
    public Optional<Purpose> purpose(String purposeId) {
        return Optional.ofNullable(purposeById.get(purposeId));
    }

    /** The service with this id. */
    public Optional<Service> service(String serviceId) {
        return Optional.ofNullable(serviceById.get(serviceId));
    }

    /** The data category with this id. */
    public Optional<DataCategory> dataCategory(String dataCategoryId) {
        return Optional.ofNullable(dataCategoryById.get(dataCategoryId));
    }

    /** The purposes of a category, in file order. */
    public List<Purpose> purposesIn(String categoryId) {
        return purposes.stream().filter(p -> p.category().equals(categoryId)).toList();
    }

    /** The services that serve a purpose, in file order. */
    public List<Service> servicesFor(String purposeId) {
        return services.stream().filter(s -> s.purposes().contains(purposeId)).toList();
    }

    /** Resolves concrete cookie names to their declarations. */
    public CookieIndex cookies() {
        return cookieIndex;
    }

    /** The declaration of a concrete cookie name, e.g. {@code _ga_ABC123} through {@code _ga_*}. */
    public Optional<CookieMatch> cookie(String cookieName) {
        return cookieIndex.lookup(cookieName);
    }

    /**
     * The policy locale that best fits a language preference: a tag ({@code nb}, {@code en-GB}, also
     * {@code en_GB}) or an {@code Accept-Language} header ({@code nb-NO,nb;q=0.9,en;q=0.5}), following its
     * weights (a range with {@code q=0} is never chosen). A range matches a policy locale with the same tag,
     * a shorter one ({@code en-GB} finds {@code en}) or a longer one of the same language ({@code en} finds
     * {@code en-GB}); the Norwegian tags {@code no}, {@code nb} and {@code nn} stand in for each other when
     * the policy lacks the one asked for (before a less preferred range is tried: a reader of Nynorsk reads
     * Bokmål). The default locale when nothing fits or the input is blank, malformed or longer than 512 characters.
     *
     * @param languagePreference a language tag or an {@code Accept-Language} header value, may be {@code null}
     * @return one of {@link #locales()}
     */
    public Locale negotiate(String languagePreference) {
        if (languagePreference == null || languagePreference.isBlank() || languagePreference.length() > 512) {
            return defaultLocale;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(languagePreference.trim().replace('_', '-'));
        } catch (IllegalArgumentException malformed) {
            return defaultLocale;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0 || range.getRange().equals("*")) {
                continue;
            }
            Locale match = Locale.lookup(List.of(range), locales);
            if (match == null) {
                match = sameLanguage(range.getRange().split("-", 2)[0]);
            }
            if (match != null) {
                return match;
            }
        }
        return defaultLocale;
    }

    /** A policy locale of this language, or of a Norwegian written standard standing in for it. */
    private Locale sameLanguage(String language) {
        List<String> candidates = new ArrayList<>(List.of(language));
        if (NORWEGIAN.contains(language)) {
            candidates.addAll(NORWEGIAN);
        }
        for (String candidate : candidates) {
            for (Locale locale : locales) {
                if (locale.getLanguage().equals(candidate)) {
                    return locale;
                }
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConsentPolicy p)) {
            return false;
        }
        return id.equals(p.id) && version.equals(p.version) && title.equals(p.title)
                && defaultLocale.equals(p.defaultLocale) && locales.equals(p.locales)
                && consentLifetime.equals(p.consentLifetime) && refusalLifetime.equals(p.refusalLifetime)
                && controller.equals(p.controller) && noticeUrl.equals(p.noticeUrl)
                && Objects.equals(jurisdiction, p.jurisdiction) && banner.equals(p.banner) && rights.equals(p.rights)
                && categories.equals(p.categories) && purposes.equals(p.purposes) && services.equals(p.services)
                && dataCategories.equals(p.dataCategories) && processors.equals(p.processors) && channels.equals(p.channels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, title, defaultLocale, locales, consentLifetime, refusalLifetime, controller,
                noticeUrl, jurisdiction, banner, rights, categories, purposes, services, dataCategories, processors, channels);
    }

    @Override
    public String toString() {
        return "ConsentPolicy[" + id + " " + version + ", " + purposes.size() + " purposes, " + services.size() + " services]";
    }

    /** Builds a {@link ConsentPolicy}; {@link #build()} validates it and lists every problem. */
    public static final class Builder {
        private String id;
        private PolicyVersion version;
        private LocalizedText title;
        private Locale defaultLocale;
        private List<Locale> locales = new ArrayList<>();
        private TimeSpan consentLifetime;
        private TimeSpan refusalLifetime;
        private Controller controller;
        private LocalizedText noticeUrl;
        private String jurisdiction;
        private Banner banner;
        private List<DataSubjectRight> rights = new ArrayList<>();
        private List<Category> categories = new ArrayList<>();
        private List<Purpose> purposes = new ArrayList<>();
        private List<Service> services = new ArrayList<>();
        private List<DataCategory> dataCategories = new ArrayList<>();
        private List<Processor> processors = new ArrayList<>();
        private List<CollectionChannel> channels = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the policy id.
         *
         * @param id the policy id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the version.
         *
         * @param version the version
         * @return this builder
         */
        public Builder version(PolicyVersion version) {
            this.version = version;
            return this;
        }

        /**
         * Sets the version as text, {@code MAJOR.MINOR}.
         *
         * @param version the version as text, {@code MAJOR.MINOR}
         * @return this builder
         * @throws IllegalArgumentException if the text is not {@code MAJOR.MINOR}
         */
        public Builder version(String version) {
            this.version = PolicyVersion.parse(version);
            return this;
        }

        /**
         * Sets the notice title.
         *
         * @param title the notice title
         * @return this builder
         */
        public Builder title(LocalizedText title) {
            this.title = title;
            return this;
        }

        /**
         * Sets the locale texts fall back to.
         *
         * @param locale the locale texts fall back to
         * @return this builder
         */
        public Builder defaultLocale(Locale locale) {
            this.defaultLocale = locale;
            return this;
        }

        /**
         * Sets every locale (the default locale alone if empty).
         *
         * @param locales every locale (the default locale alone if empty)
         * @return this builder
         */
        public Builder locales(List<Locale> locales) {
            this.locales = new ArrayList<>(locales);
            return this;
        }

        /**
         * Sets how long a consent lasts ({@code null}: the default).
         *
         * @param lifetime how long a consent lasts ({@code null}: the default)
         * @return this builder
         */
        public Builder consentLifetime(TimeSpan lifetime) {
            this.consentLifetime = lifetime;
            return this;
        }

        /**
         * Sets how long a refusal is remembered ({@code null}: the default).
         *
         * @param lifetime how long a refusal is remembered ({@code null}: the default)
         * @return this builder
         */
        public Builder refusalLifetime(TimeSpan lifetime) {
            this.refusalLifetime = lifetime;
            return this;
        }

        /**
         * Sets the data controller.
         *
         * @param controller the data controller
         * @return this builder
         */
        public Builder controller(Controller controller) {
            this.controller = controller;
            return this;
        }

        /**
         * Sets where the privacy notice is published.
         *
         * @param url where the privacy notice is published
         * @return this builder
         */
        public Builder noticeUrl(LocalizedText url) {
            this.noticeUrl = url;
            return this;
        }

        /**
         * Sets the jurisdiction, or {@code null}.
         *
         * @param jurisdiction the jurisdiction, or {@code null}
         * @return this builder
         */
        public Builder jurisdiction(String jurisdiction) {
            this.jurisdiction = jurisdiction;
            return this;
        }

        /**
         * Sets the banner texts ({@code null}: the built-in ones).
         *
         * @param banner the banner texts ({@code null}: the built-in ones)
         * @return this builder
         */
        public Builder banner(Banner banner) {
            this.banner = banner;
            return this;
        }

        /**
         * Sets the rights granted.
         *
         * @param rights the rights granted
         * @return this builder
         */
        public Builder rights(List<DataSubjectRight> rights) {
            this.rights = new ArrayList<>(rights);
            return this;
        }

        /**
         * Sets every category.
         *
         * @param categories every category
         * @return this builder
         */
        public Builder categories(List<Category> categories) {
            this.categories = new ArrayList<>(categories);
            return this;
        }

        /**
         * Adds one more category.
         *
         * @param category one more category
         * @return this builder
         */
        public Builder addCategory(Category category) {
            this.categories.add(category);
            return this;
        }

        /**
         * Sets every purpose.
         *
         * @param purposes every purpose
         * @return this builder
         */
        public Builder purposes(List<Purpose> purposes) {
            this.purposes = new ArrayList<>(purposes);
            return this;
        }

        /**
         * Adds one more purpose.
         *
         * @param purpose one more purpose
         * @return this builder
         */
        public Builder addPurpose(Purpose purpose) {
            this.purposes.add(purpose);
            return this;
        }

        /**
         * Sets every service.
         *
         * @param services every service
         * @return this builder
         */
        public Builder services(List<Service> services) {
            this.services = new ArrayList<>(services);
            return this;
        }

        /**
         * Adds one more service.
         *
         * @param service one more service
         * @return this builder
         */
        public Builder addService(Service service) {
            this.services.add(service);
            return this;
        }

        /**
         * Sets every data category.
         *
         * @param dataCategories every data category
         * @return this builder
         */
        public Builder dataCategories(List<DataCategory> dataCategories) {
            this.dataCategories = new ArrayList<>(dataCategories);
            return this;
        }

        /**
         * Adds one more data category.
         *
         * @param dataCategory one more data category
         * @return this builder
         */
        public Builder addDataCategory(DataCategory dataCategory) {
            this.dataCategories.add(dataCategory);
            return this;
        }

        /**
         * Sets every processor.
         *
         * @param processors every processor
         * @return this builder
         */
        public Builder processors(List<Processor> processors) {
            this.processors = new ArrayList<>(processors);
            return this;
        }

        /**
         * Sets every collection channel.
         *
         * @param channels every collection channel
         * @return this builder
         */
        public Builder channels(List<CollectionChannel> channels) {
            this.channels = new ArrayList<>(channels);
            return this;
        }


        /**
         * Builds and validates the policy.
         *
         * @throws PolicyValidationException listing every problem, if the policy is not valid
         */
        public ConsentPolicy build() {
            return build("<builder>");
        }

        /**
         * Builds and validates the policy, naming {@code source} in the exception.
         *
         * @param source where the content came from, for the exception message
         * @return the valid policy
         * @throws PolicyValidationException listing every problem, if the policy is not valid
         */
        ConsentPolicy build(String source) {
            ConsentPolicy policy = buildUnchecked();
            List<PolicyProblem> problems = PolicyValidator.validate(policy);
            if (!problems.isEmpty()) {
                throw new PolicyValidationException(source, problems);
            }
            return policy;
        }

        /** Builds without validation; for tools that report problems themselves (see {@link PolicyValidator}). */
        public ConsentPolicy buildUnchecked() {
            return new ConsentPolicy(this);
        }
    }
}
