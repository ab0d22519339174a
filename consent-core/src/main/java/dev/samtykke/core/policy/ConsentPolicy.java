package dev.samtykke.core.policy;

import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** The declared parts; {@link #equals} and {@link #hashCode} are theirs. */
    private final PolicyParts parts;

    private final Map<String, Category> categoryById;
    private final Map<String, Purpose> purposeById;
    private final Map<String, Service> serviceById;
    private final Map<String, DataCategory> dataCategoryById;
    private final List<Purpose> consentPurposes;
    private final List<Purpose> decidablePurposes;
    private final List<String> decisionKeys;
    private final java.util.Set<String> decisionKeySet;
    private final CookieIndex cookieIndex;

    private ConsentPolicy(PolicyParts parts) {
        this.parts = parts;
        this.categoryById = index(parts.categories(), Category::id);
        this.purposeById = index(parts.purposes(), Purpose::id);
        this.serviceById = index(parts.services(), Service::id);
        this.dataCategoryById = index(parts.dataCategories(), DataCategory::id);
        this.consentPurposes = parts.purposes().stream().filter(Purpose::requiresConsent).toList();
        this.decidablePurposes = parts.purposes().stream().filter(Purpose::decidable).toList();
        List<String> keys = new ArrayList<>();
        for (Purpose purpose : decidablePurposes) {
            keys.add(purpose.id());
            if (purpose.choicePerService()) {
                parts.services().stream().filter(s -> s.purposes().contains(purpose.id()))
                        .forEach(s -> keys.add(serviceChoiceKey(purpose.id(), s.id())));
            }
        }
        this.decisionKeys = List.copyOf(keys);
        this.decisionKeySet = java.util.Set.copyOf(keys);
        this.cookieIndex = new CookieIndex(parts.services());
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
        return new Builder(parts);
    }

    /** The policy's stable identifier, e.g. {@code jackon}. */
    public String id() {
        return parts.id();
    }

    /** The version, {@code MAJOR.MINOR}. */
    public PolicyVersion version() {
        return parts.version();
    }

    /** The notice's title, if any. */
    public LocalizedText title() {
        return parts.title();
    }

    /** The locale texts fall back to. */
    public Locale defaultLocale() {
        return parts.defaultLocale();
    }

    /** Every locale the policy is written in, the default among them. */
    public List<Locale> locales() {
        return parts.locales();
    }

    /** How long a consent is kept before the visitor is asked again (default 12 months). */
    public TimeSpan consentLifetime() {
        return parts.consentLifetime();
    }

    /** How long a refusal is remembered before the visitor is asked again (default 6 months). */
    public TimeSpan refusalLifetime() {
        return parts.refusalLifetime();
    }

    /** The data controller. */
    public Controller controller() {
        return parts.controller();
    }

    /** Where the full privacy notice is published, per locale. */
    public LocalizedText noticeUrl() {
        return parts.noticeUrl();
    }

    /** The jurisdiction whose law applies (e.g. {@code NO}), or {@code null}. */
    public String jurisdiction() {
        return parts.jurisdiction();
    }

    /** The banner's texts. */
    public Banner banner() {
        return parts.banner();
    }

    /** The rights the notice grants the visitor. */
    public List<DataSubjectRight> rights() {
        return parts.rights();
    }

    /** The categories, in file order. */
    public List<Category> categories() {
        return parts.categories();
    }

    /** The purposes, in file order. */
    public List<Purpose> purposes() {
        return parts.purposes();
    }

    /** The purposes whose legal basis is consent, in file order. */
    public List<Purpose> consentPurposes() {
        return consentPurposes;
    }

    /**
     * The purposes a visitor's decision may cover, in file order: the consent-based ones and the
     * {@link Purpose#objectable() objectable} legitimate-interest ones. The consent cookie carries these.
     */
    public List<Purpose> decidablePurposes() {
        return decidablePurposes;
    }

    /**
     * What a visitor's decision may cover, in file order: each {@link #decidablePurposes() decidable purpose}'s id,
     * followed, for a purpose with {@link Purpose#choicePerService()}, by the {@link #serviceChoiceKey key} of each
     * service serving it. The consent cookie, the ledger and the counters carry these keys.
     *
     * @return an immutable list
     */
    public List<String> decisionKeys() {
        return decisionKeys;
    }

    /**
     * Whether a decision may hold this key: one of {@link #decisionKeys()}, found by hash.
     *
     * @param key a purpose id or a service choice key
     * @return whether it is a decision key of this policy
     */
    public boolean isDecisionKey(String key) {
        return key != null && decisionKeySet.contains(key);
    }

    /**
     * The key of a service-level grant beneath a purpose: {@code purposeId/serviceId} (ids never hold a {@code /}).
     *
     * @param purposeId a purpose with {@link Purpose#choicePerService()}
     * @param serviceId a service serving it
     * @return e.g. {@code analytics/google-analytics}
     */
    public static String serviceChoiceKey(String purposeId, String serviceId) {
        return purposeId + "/" + serviceId;
    }

    /** The services, in file order. */
    public List<Service> services() {
        return parts.services();
    }

    /** The data categories, in file order. */
    public List<DataCategory> dataCategories() {
        return parts.dataCategories();
    }

    /** The processors, in file order. */
    public List<Processor> processors() {
        return parts.processors();
    }

    /** The collection channels, in file order. */
    public List<CollectionChannel> channels() {
        return parts.channels();
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
        return parts.purposes().stream().filter(p -> p.category().equals(categoryId)).toList();
    }

    /** The services that serve a purpose, in file order. */
    public List<Service> servicesFor(String purposeId) {
        return parts.services().stream().filter(s -> s.purposes().contains(purposeId)).toList();
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
        return LocaleNegotiation.negotiate(languagePreference, parts.locales(), parts.defaultLocale());
    }

    /** Equal when every declared part is: {@link PolicyParts} holds them all. */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ConsentPolicy p && parts.equals(p.parts));
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return "ConsentPolicy[" + parts.id() + " " + parts.version() + ", " + parts.purposes().size() + " purposes, "
                + parts.services().size() + " services]";
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

        private Builder(PolicyParts parts) {
            id = parts.id();
            version = parts.version();
            title = parts.title();
            defaultLocale = parts.defaultLocale();
            locales = new ArrayList<>(parts.locales());
            consentLifetime = parts.consentLifetime();
            refusalLifetime = parts.refusalLifetime();
            controller = parts.controller();
            noticeUrl = parts.noticeUrl();
            jurisdiction = parts.jurisdiction();
            banner = parts.banner();
            rights = new ArrayList<>(parts.rights());
            categories = new ArrayList<>(parts.categories());
            purposes = new ArrayList<>(parts.purposes());
            services = new ArrayList<>(parts.services());
            dataCategories = new ArrayList<>(parts.dataCategories());
            processors = new ArrayList<>(parts.processors());
            channels = new ArrayList<>(parts.channels());
        }

        /**
         * Required: the policy's stable identifier, e.g. {@code jackon}, under which decisions are recorded (a
         * decision given under another id does not count). {@link #build()} rejects a blank one and one that is not
         * letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit, at most 64 characters;
         * {@link #buildUnchecked()} fails on {@code null}.
         *
         * @param id the policy id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Required: the version, {@code MAJOR.MINOR}. A decision given under an older MAJOR version counts as
         * no decision; a MINOR change keeps it. {@link #buildUnchecked()} fails on {@code null}.
         *
         * @param version the version
         * @return this builder
         */
        public Builder version(PolicyVersion version) {
            this.version = version;
            return this;
        }

        /**
         * Required: the version as text, {@code MAJOR.MINOR} such as {@code 1.0}; see {@link #version(PolicyVersion)}.
         *
         * @param version the version as text
         * @return this builder
         * @throws IllegalArgumentException if the text is not {@code MAJOR.MINOR}
         */
        public Builder version(String version) {
            this.version = PolicyVersion.parse(version);
            return this;
        }

        /**
         * The notice's title; {@code null} or {@link LocalizedText#EMPTY} (the default): none. Where given,
         * {@link #build()} wants a text for every declared locale and none for another.
         *
         * @param title the notice title, or {@code null}
         * @return this builder
         */
        public Builder title(LocalizedText title) {
            this.title = title;
            return this;
        }

        /**
         * Required: the locale texts fall back to and the one chosen when nothing fits a visitor's languages.
         * {@link #build()} wants it among {@link #locales(List) the locales}; {@link #buildUnchecked()} fails on
         * {@code null}.
         *
         * @param locale the default locale
         * @return this builder
         */
        public Builder defaultLocale(Locale locale) {
            this.defaultLocale = locale;
            return this;
        }

        /**
         * Every locale the policy is written in, in order, copied; empty (the default): the default locale
         * alone. {@link #build()} rejects a duplicate or a locale without a language.
         *
         * @param locales the locales, not {@code null}
         * @return this builder
         */
        public Builder locales(List<Locale> locales) {
            this.locales = new ArrayList<>(locales);
            return this;
        }

        /**
         * How long a consent lasts before the visitor is asked again; {@code null} (the default):
         * {@link ConsentPolicy#DEFAULT_CONSENT_LIFETIME 12 months}. {@link #build()} wants a positive period, not a
         * session span.
         *
         * @param lifetime the consent lifetime, or {@code null}
         * @return this builder
         */
        public Builder consentLifetime(TimeSpan lifetime) {
            this.consentLifetime = lifetime;
            return this;
        }

        /**
         * How long a refusal is remembered before the visitor is asked again; {@code null} (the default):
         * {@link ConsentPolicy#DEFAULT_REFUSAL_LIFETIME 6 months}. {@link #build()} wants a positive period, not a
         * session span.
         *
         * @param lifetime the refusal lifetime, or {@code null}
         * @return this builder
         */
        public Builder refusalLifetime(TimeSpan lifetime) {
            this.refusalLifetime = lifetime;
            return this;
        }

        /**
         * Required: the data controller. {@link #build()} wants its name and its supervisory authority's name;
         * {@link #buildUnchecked()} fails on {@code null}.
         *
         * @param controller the data controller
         * @return this builder
         */
        public Builder controller(Controller controller) {
            this.controller = controller;
            return this;
        }

        /**
         * Where the full privacy notice is published, per locale; {@code null} (the default): nowhere.
         * {@link #build()} wants each an {@code http}/{@code https} URL with a host, or a path on the site.
         *
         * @param url the notice's address, or {@code null}
         * @return this builder
         */
        public Builder noticeUrl(LocalizedText url) {
            this.noticeUrl = url;
            return this;
        }

        /**
         * The jurisdiction whose law applies, e.g. {@code NO}; {@code null} (the default): not stated. Not
         * checked.
         *
         * @param jurisdiction the jurisdiction, or {@code null}
         * @return this builder
         */
        public Builder jurisdiction(String jurisdiction) {
            this.jurisdiction = jurisdiction;
            return this;
        }

        /**
         * The banner's texts; {@code null} (the default): {@link Banner#DEFAULT the built-in ones}.
         *
         * @param banner the banner texts, or {@code null}
         * @return this builder
         */
        public Builder banner(Banner banner) {
            this.banner = banner;
            return this;
        }

        /**
         * The rights the notice grants the visitor, in order, copied; none by default. {@link #build()}
         * rejects a duplicate.
         *
         * @param rights the rights, not {@code null}
         * @return this builder
         */
        public Builder rights(List<DataSubjectRight> rights) {
            this.rights = new ArrayList<>(rights);
            return this;
        }

        /**
         * Every category, in order, replacing those set before, copied; none by default. {@link #build()}
         * wants unique ids, each with a title.
         *
         * @param categories the categories, not {@code null}
         * @return this builder
         */
        public Builder categories(List<Category> categories) {
            this.categories = new ArrayList<>(categories);
            return this;
        }

        /**
         * Adds a category after those set before; see {@link #categories(List)}.
         *
         * @param category the category
         * @return this builder
         */
        public Builder addCategory(Category category) {
            this.categories.add(category);
            return this;
        }

        /**
         * Every purpose, in order, replacing those set before, copied; none by default, but {@link #build()}
         * wants at least one, with unique ids, each in a declared category and naming declared data categories and
         * channels.
         *
         * @param purposes the purposes, not {@code null}
         * @return this builder
         */
        public Builder purposes(List<Purpose> purposes) {
            this.purposes = new ArrayList<>(purposes);
            return this;
        }

        /**
         * Adds a purpose after those set before; see {@link #purposes(List)}.
         *
         * @param purpose the purpose
         * @return this builder
         */
        public Builder addPurpose(Purpose purpose) {
            this.purposes.add(purpose);
            return this;
        }

        /**
         * Every service, in order, replacing those set before, copied; none by default. {@link #build()}
         * wants unique ids, each serving at least one declared purpose, and every cookie name claimed by one
         * service only.
         *
         * @param services the services, not {@code null}
         * @return this builder
         */
        public Builder services(List<Service> services) {
            this.services = new ArrayList<>(services);
            return this;
        }

        /**
         * Adds a service after those set before; see {@link #services(List)}.
         *
         * @param service the service
         * @return this builder
         */
        public Builder addService(Service service) {
            this.services.add(service);
            return this;
        }

        /**
         * Every data category, in order, replacing those set before, copied; none by default.
         * {@link #build()} wants unique ids, each with a title.
         *
         * @param dataCategories the data categories, not {@code null}
         * @return this builder
         */
        public Builder dataCategories(List<DataCategory> dataCategories) {
            this.dataCategories = new ArrayList<>(dataCategories);
            return this;
        }

        /**
         * Adds a data category after those set before; see {@link #dataCategories(List)}.
         *
         * @param dataCategory the data category
         * @return this builder
         */
        public Builder addDataCategory(DataCategory dataCategory) {
            this.dataCategories.add(dataCategory);
            return this;
        }

        /**
         * Every processor, in order, copied; none by default. {@link #build()} wants unique ids and
         * declared purposes (a processor that lists none serves every purpose).
         *
         * @param processors the processors, not {@code null}
         * @return this builder
         */
        public Builder processors(List<Processor> processors) {
            this.processors = new ArrayList<>(processors);
            return this;
        }

        /**
         * Every collection channel, in order, copied; none by default. {@link #build()} wants unique ids,
         * each with a title.
         *
         * @param channels the collection channels, not {@code null}
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
            return new ConsentPolicy(new PolicyParts(id, version, title, defaultLocale, locales, consentLifetime,
                    refusalLifetime, controller, noticeUrl, jurisdiction, banner, rights, categories, purposes, services,
                    dataCategories, processors, channels));
        }
    }
}
