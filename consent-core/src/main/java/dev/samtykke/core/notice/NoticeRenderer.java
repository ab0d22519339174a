package dev.samtykke.core.notice;

import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.CollectionChannel;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Contact;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.CookieParty;
import dev.samtykke.core.policy.DataCategory;
import dev.samtykke.core.policy.DataSubjectRight;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.Processor;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;
import dev.samtykke.core.policy.SupervisoryAuthority;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders a policy's disclosure as the privacy notice's purpose and cookie tables: the controller
 * and how to reach it, the purposes with their legal bases, data categories and retention, the data
 * categories and collection channels, the services and every cookie (name, service, provider,
 * purpose, duration, first or third party), how long a choice is remembered, the processors, the
 * visitor's rights and the supervisory authority.
 *
 * <pre>{@code
 * String html = NoticeRenderer.html(policy, Locale.forLanguageTag("nb"));
 * String md = NoticeRenderer.markdown(policy, Locale.ENGLISH);
 * }</pre>
 *
 * <p>Texts come from the policy in the requested locale; the fixed labels (headings, column names,
 * legal bases, rights) are built in for {@code nb} and {@code en} and read in English for other
 * locales. Every value taken from the policy is escaped: markup or script in a policy file shows as
 * text, and only {@code http(s)} addresses and plain e-mail addresses become links. The output is
 * deterministic (same policy and locale, same bytes), so it can be checked into a repository or hashed.
 */
public final class NoticeRenderer {

    private final ConsentPolicy policy;
    private final Locale locale;
    private final String tag;
    private final NoticeLabels labels;
    private final NoticeWriter out;

    private NoticeRenderer(ConsentPolicy policy, Locale locale, NoticeWriter out) {
        this.policy = policy;
        this.locale = locale;
        this.tag = locale.toLanguageTag();
        this.labels = NoticeLabels.of(locale);
        this.out = out;
    }

    /**
     * The notice as an HTML fragment: one {@code <section class="samtykke-notice" lang="…">} with
     * {@code h2}–{@code h4} headings, to embed in a page.
     *
     * @param policy the policy to disclose
     * @param locale the locale to render in; see {@link #resolveLocale(ConsentPolicy, Locale)}
     * @return the fragment, ending in a new line
     */
    public static String html(ConsentPolicy policy, Locale locale) {
        return render(policy, locale, NoticeFormat.HTML);
    }

    /**
     * The notice as Markdown (CommonMark with GitHub-style tables), headings from level 2 down.
     *
     * @param policy the policy to disclose
     * @param locale the locale to render in; see {@link #resolveLocale(ConsentPolicy, Locale)}
     * @return the document, ending in a new line
     */
    public static String markdown(ConsentPolicy policy, Locale locale) {
        return render(policy, locale, NoticeFormat.MARKDOWN);
    }

    /**
     * The notice in a format.
     *
     * @param policy the policy to disclose
     * @param locale the locale to render in; see {@link #resolveLocale(ConsentPolicy, Locale)}
     * @param format HTML or Markdown
     * @return the rendered notice
     */
    public static String render(ConsentPolicy policy, Locale locale, NoticeFormat format) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(format, "format");
        NoticeWriter writer = format == NoticeFormat.HTML ? new HtmlNoticeWriter() : new MarkdownNoticeWriter();
        new NoticeRenderer(policy, resolveLocale(policy, locale), writer).write();
        return writer.result();
    }

    /**
     * The policy locale a notice for {@code requested} is written in: the requested locale if the
     * policy declares it, else the best fit ({@code nb-NO} gives {@code nb}), else the policy's default.
     *
     * @param policy the policy
     * @param requested the locale asked for
     * @return one of the policy's locales
     */
    public static Locale resolveLocale(ConsentPolicy policy, Locale requested) {
        return policy.locales().contains(requested) ? requested : policy.negotiate(requested.toLanguageTag());
    }

    // --- the notice, section by section ---------------------------------------------------------

    private void write() {
        out.open(tag);
        out.heading(2, policy.title().isEmpty() ? labels.get("notice") : text(policy.title()), "samtykke-notice");
        out.paragraph(labels.format("version", "version", policy.version().toString()));
        controller();
        purposes();
        dataCategories();
        channels();
        services();
        cookies();
        consent();
        processors();
        rights();
        supervisoryAuthority();
        out.close();
    }

    private void controller() {
        out.heading(3, labels.get("controller"), "samtykke-controller");
        List<NoticeWriter.Field> fields = new ArrayList<>();
        fields.add(field("name", Inline.text(policy.controller().name())));
        if (present(policy.controller().organisationNumber())) {
            fields.add(field("organisationNumber", Inline.text(policy.controller().organisationNumber())));
        }
        contact(fields, policy.controller().contact());
        out.fields(fields);
    }

    private void contact(List<NoticeWriter.Field> fields, Contact contact) {
        if (present(contact.email())) {
            fields.add(field("email", Inline.email(contact.email())));
        }
        if (present(contact.phone())) {
            fields.add(field("phone", Inline.text(contact.phone())));
        }
        if (!contact.address().isEmpty()) {
            fields.add(field("address", Inline.text(text(contact.address()))));
        }
        if (present(contact.url())) {
            fields.add(field("website", Inline.url(contact.url(), contact.url())));
        }
    }

    private void purposes() {
        out.heading(3, labels.get("purposes"), "samtykke-purposes");
        Set<Purpose> ordered = new LinkedHashSet<>();
        for (Category category : policy.categories()) {
            ordered.addAll(policy.purposesIn(category.id()));
        }
        ordered.addAll(policy.purposes());
        for (Purpose purpose : ordered) {
            out.heading(4, text(purpose.title()), "samtykke-purpose-" + purpose.id());
            paragraphs(purpose.description());
            List<NoticeWriter.Field> fields = new ArrayList<>();
            fields.add(field("category", Inline.text(policy.category(purpose.category())
                    .map(c -> text(c.title())).orElse(purpose.category()))));
            fields.add(field("legalBasis", Inline.text(labels.get("legalBasis." + purpose.legalBasis().id()))));
            if (!purpose.dataCategories().isEmpty()) {
                fields.add(field("purposeData", Inline.text(titles(purpose.dataCategories(),
                        id -> policy.dataCategory(id).map(d -> text(d.title())).orElse(id)))));
            }
            if (!purpose.channels().isEmpty()) {
                fields.add(field("purposeChannels", Inline.text(titles(purpose.channels(), this::channelTitle))));
            }
            fields.add(field("retention", Inline.text(Durations.humanize(purpose.retention(), locale))));
            List<Service> services = policy.servicesFor(purpose.id());
            if (!services.isEmpty()) {
                fields.add(field("purposeServices", Inline.text(titles(services.stream().map(Service::name).toList(), s -> s))));
            }
            if (purpose.gpcOptOut()) {
                fields.add(field("gpc", Inline.text(labels.get("gpcOptOut"))));
            }
            if (purpose.choicePerService() && !services.isEmpty()) {
                fields.add(field("serviceChoice", Inline.text(labels.get("serviceChoiceText"))));
            }
            if (purpose.objectable()) {
                fields.add(field("objection", Inline.text(labels.get("objectionText"))));
            }
            out.fields(fields);
        }
    }

    private void dataCategories() {
        if (policy.dataCategories().isEmpty()) {
            return;
        }
        out.heading(3, labels.get("dataCategories"), "samtykke-data");
        List<Inline> items = new ArrayList<>();
        for (DataCategory category : policy.dataCategories()) {
            items.add(titled(category.title(), category.description()));
        }
        out.list(items);
    }

    private void channels() {
        if (policy.channels().isEmpty()) {
            return;
        }
        out.heading(3, labels.get("channels"), "samtykke-channels");
        List<Inline> items = new ArrayList<>();
        for (CollectionChannel channel : policy.channels()) {
            items.add(titled(channel.title(), channel.description()));
        }
        out.list(items);
    }

    private void services() {
        if (policy.services().isEmpty()) {
            return;
        }
        out.heading(3, labels.get("services"), "samtykke-services");
        for (Service service : policy.services()) {
            out.heading(4, service.name(), "samtykke-service-" + service.id());
            if (service.illustrative()) {
                out.paragraph(labels.get("illustrativeText"));
            }
            paragraphs(service.description());
            List<NoticeWriter.Field> fields = new ArrayList<>();
            fields.add(field("provider", Inline.text(service.provider().name())));
            if (present(service.provider().country())) {
                fields.add(field("providerCountry", Inline.text(service.provider().country())));
            }
            if (present(service.provider().privacyPolicyUrl())) {
                String url = service.provider().privacyPolicyUrl();
                fields.add(field("providerPolicy", Inline.url(url, url)));
            }
            fields.add(field("servicePurposes", Inline.text(purposeTitles(service))));
            if (!service.hosts().isEmpty()) {
                fields.add(field("serviceHosts", Inline.text(String.join(", ", service.hosts()))));
            }
            out.fields(fields);
        }
    }

    private void cookies() {
        out.heading(3, labels.get("cookies"), "samtykke-cookies");
        List<List<Inline>> rows = new ArrayList<>();
        for (Service service : policy.services()) {
            for (CookieDeclaration cookie : service.cookies()) {
                rows.add(List.of(
                        Inline.text(cookie.name()),
                        Inline.text(service.name()),
                        Inline.text(service.provider().name()),
                        Inline.text(purposeTitles(service)),
                        Inline.text(Durations.humanize(cookie.duration(), locale)),
                        Inline.text(party(cookie)),
                        Inline.text(text(cookie.description()))));
            }
        }
        if (rows.isEmpty()) {
            out.paragraph(labels.get("noCookies"));
            return;
        }
        out.table(List.of(labels.get("cookieName"), labels.get("cookieService"), labels.get("cookieProvider"),
                labels.get("cookiePurpose"), labels.get("cookieDuration"), labels.get("cookieParty"),
                labels.get("cookieDescription")), rows);
    }

    private void consent() {
        if (policy.consentPurposes().isEmpty()) {
            return;
        }
        out.heading(3, labels.get("consent"), "samtykke-consent");
        out.paragraph(labels.format("consentText",
                "consent", Durations.humanize(policy.consentLifetime(), locale),
                "refusal", Durations.humanize(policy.refusalLifetime(), locale)));
    }

    private void processors() {
        if (policy.processors().isEmpty()) {
            return;
        }
        out.heading(3, labels.get("processors"), "samtykke-processors");
        List<List<Inline>> rows = new ArrayList<>();
        for (Processor processor : policy.processors()) {
            rows.add(List.of(
                    Inline.text(text(processor.name())),
                    Inline.text(text(processor.description())),
                    Inline.text(processor.location() == null ? "" : processor.location()),
                    Inline.text(processor.purposes().isEmpty() ? labels.get("allPurposes")
                            : titles(processor.purposes(), this::purposeTitle))));
        }
        out.table(List.of(labels.get("processorName"), labels.get("processorDescription"), labels.get("processorLocation"),
                labels.get("processorPurposes")), rows);
    }

    private void rights() {
        if (policy.rights().isEmpty()) {
            return;
        }
        out.heading(3, labels.get("rights"), "samtykke-rights");
        out.paragraph(labels.get("rightsIntro") + ":");
        String authority = text(policy.controller().supervisoryAuthority().name());
        List<Inline> items = new ArrayList<>();
        for (DataSubjectRight right : policy.rights()) {
            items.add(Inline.text(labels.format("right." + right.id(), "authority", authority)));
        }
        out.list(items);
    }

    private void supervisoryAuthority() {
        SupervisoryAuthority authority = policy.controller().supervisoryAuthority();
        out.heading(3, labels.get("supervisoryAuthority"), "samtykke-authority");
        List<NoticeWriter.Field> fields = new ArrayList<>();
        fields.add(field("name", Inline.text(text(authority.name()))));
        contact(fields, authority.contact());
        out.fields(fields);
    }

    // --- helpers --------------------------------------------------------------------------------

    private String text(LocalizedText text) {
        return text.get(tag);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private NoticeWriter.Field field(String labelKey, Inline value) {
        return new NoticeWriter.Field(labels.get(labelKey), value);
    }

    /** A text from the file split into paragraphs at blank lines. */
    private void paragraphs(LocalizedText text) {
        String value = text(text);
        if (value.isBlank()) {
            return;
        }
        for (String paragraph : value.strip().split("\\R\\s*\\R")) {
            out.paragraph(paragraph);
        }
    }

    private Inline titled(LocalizedText title, LocalizedText description) {
        Inline item = Inline.strong(text(title));
        String more = text(description);
        return more.isBlank() ? item : item.then(": " + more);
    }

    private static String titles(List<String> ids, Function<String, String> title) {
        return String.join(", ", ids.stream().map(title).toList());
    }

    private String purposeTitle(String purposeId) {
        return policy.purpose(purposeId).map(p -> text(p.title())).orElse(purposeId);
    }

    private String purposeTitles(Service service) {
        return titles(service.purposes(), this::purposeTitle);
    }

    private String channelTitle(String channelId) {
        return policy.channels().stream().filter(c -> c.id().equals(channelId)).findFirst()
                .map(c -> text(c.title())).orElse(channelId);
    }

    private String party(CookieDeclaration cookie) {
        if (!cookie.isCookie()) {
            return labels.get("storage." + cookie.storage().id());
        }
        if (cookie.party() == CookieParty.FIRST) {
            return labels.get("party.first");
        }
        return present(cookie.domain()) ? labels.format("party.third", "domain", cookie.domain()) : labels.get("party.third.nodomain");
    }
}
