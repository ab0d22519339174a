package dev.samtykke.core.diff;

import dev.samtykke.core.diff.Differences.Change;
import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.CollectionChannel;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Contact;
import dev.samtykke.core.policy.DataCategory;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.Processor;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.TimeSpan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import static dev.samtykke.core.diff.Differences.byId;
import static dev.samtykke.core.diff.Differences.change;
import static dev.samtykke.core.diff.Differences.how;
import static dev.samtykke.core.diff.Differences.item;
import static dev.samtykke.core.diff.Differences.plural;
import static dev.samtykke.core.diff.Differences.sameText;

/**
 * Walks two policies side by side and classifies every difference. Entries are matched by id
 * (cookies by name within their service), so a reordered file shows as one {@code order-changed}
 * difference, not as removals and additions.
 *
 * <p>This class walks the policy as a whole, its purposes and its processors; {@link ServiceDiffer} the services
 * and their cookies. Whether a change widens what a visitor agreed to depends on what a decision under the old
 * file covers, which {@link GrantCoverage} answers. Where the rule depends on that, the rule and its message are
 * chosen together, as one {@link Change}.
 */
final class PolicyDiffer {

    private final ConsentPolicy oldPolicy;
    private final ConsentPolicy newPolicy;
    private final GrantCoverage coverage;
    private final Differences out;

    PolicyDiffer(ConsentPolicy oldPolicy, ConsentPolicy newPolicy) {
        this.oldPolicy = oldPolicy;
        this.newPolicy = newPolicy;
        this.coverage = new GrantCoverage(oldPolicy, newPolicy);
        this.out = new Differences(oldPolicy, newPolicy);
        run();
    }

    List<PolicyDifference> differences() {
        return out.list();
    }

    private void run() {
        if (!oldPolicy.id().equals(newPolicy.id())) {
            out.add("id", DiffRule.POLICY_ID_CHANGED, "policy id changed from '" + oldPolicy.id() + "' to '" + newPolicy.id()
                    + "': decisions recorded under '" + oldPolicy.id() + "' do not carry over");
        }
        out.text("title", oldPolicy.title(), newPolicy.title());
        locales();
        lifetimes();
        controller();
        out.text("noticeUrl", oldPolicy.noticeUrl(), newPolicy.noticeUrl());
        if (!Objects.equals(oldPolicy.jurisdiction(), newPolicy.jurisdiction())) {
            out.add("jurisdiction", DiffRule.OTHER_CHANGED, "jurisdiction changed from " + oldPolicy.jurisdiction()
                    + " to " + newPolicy.jurisdiction());
        }
        banner();
        if (!oldPolicy.rights().equals(newPolicy.rights())) {
            out.add("rights", DiffRule.RIGHTS_CHANGED, change("rights", oldPolicy.rights(), newPolicy.rights()));
        }
        categories();
        definitions("dataCategories", "data category", oldPolicy.dataCategories(), newPolicy.dataCategories(),
                DataCategory::id, DataCategory::title, DataCategory::description);
        definitions("channels", "collection channel", oldPolicy.channels(), newPolicy.channels(), CollectionChannel::id,
                CollectionChannel::title, CollectionChannel::description);
        purposes();
        new ServiceDiffer(oldPolicy, newPolicy, coverage, out).services();
        processors();
        // Relies on ConsentPolicy.equals comparing every declared part (ConsentPolicyPartsTest holds it to that).
        if (out.isEmpty() && !oldPolicy.equals(newPolicy.toBuilder().version(oldPolicy.version()).buildUnchecked())) {
            out.add("", DiffRule.OTHER_CHANGED, "the policies differ in a way no other rule names");
        }
    }

    // --- the policy as a whole ------------------------------------------------------------------

    private void locales() {
        if (!oldPolicy.defaultLocale().equals(newPolicy.defaultLocale())) {
            out.add("defaultLocale", DiffRule.LOCALES_CHANGED, "default locale changed from "
                    + oldPolicy.defaultLocale().toLanguageTag() + " to " + newPolicy.defaultLocale().toLanguageTag());
        }
        if (!oldPolicy.locales().equals(newPolicy.locales())) {
            out.add("locales", DiffRule.LOCALES_CHANGED, change("locales", tags(oldPolicy), tags(newPolicy)));
        }
    }

    private static List<String> tags(ConsentPolicy policy) {
        return policy.locales().stream().map(Locale::toLanguageTag).toList();
    }

    private void lifetimes() {
        if (!oldPolicy.consentLifetime().iso().equals(newPolicy.consentLifetime().iso())) {
            out.add("consentLifetime", consentLifetime(oldPolicy.consentLifetime(), newPolicy.consentLifetime()));
        }
        if (!oldPolicy.refusalLifetime().iso().equals(newPolicy.refusalLifetime().iso())) {
            out.add("refusalLifetime", DiffRule.LIFETIME_CHANGED,
                    "refusal lifetime changed from " + oldPolicy.refusalLifetime() + " to " + newPolicy.refusalLifetime());
        }
    }

    private static Change consentLifetime(TimeSpan before, TimeSpan after) {
        String fromTo = " from " + before + " to " + after;
        return after.compareTo(before) > 0
                ? new Change(DiffRule.CONSENT_LIFETIME_LENGTHENED, "consent lifetime lengthened" + fromTo
                        + ": earlier consents would last longer than the visitor was told")
                : new Change(DiffRule.LIFETIME_CHANGED, "consent lifetime changed" + fromTo);
    }

    private void controller() {
        var before = oldPolicy.controller();
        var after = newPolicy.controller();
        out.value("controller.name", DiffRule.CONTROLLER_CHANGED, before.name(), after.name());
        out.value("controller.organisationNumber", DiffRule.CONTROLLER_CHANGED, before.organisationNumber(),
                after.organisationNumber());
        contact("controller.contact", before.contact(), after.contact());
        LocalizedText authorityBefore = before.supervisoryAuthority().name();
        LocalizedText authorityAfter = after.supervisoryAuthority().name();
        if (!sameText(authorityBefore, authorityAfter)) {
            out.add("controller.supervisoryAuthority.name", DiffRule.CONTROLLER_CHANGED,
                    out.textChange(authorityBefore, authorityAfter));
        }
        contact("controller.supervisoryAuthority.contact", before.supervisoryAuthority().contact(),
                after.supervisoryAuthority().contact());
    }

    private void contact(String path, Contact before, Contact after) {
        out.value(path + ".email", DiffRule.CONTROLLER_CHANGED, before.email(), after.email());
        out.value(path + ".phone", DiffRule.CONTROLLER_CHANGED, before.phone(), after.phone());
        out.value(path + ".url", DiffRule.CONTROLLER_CHANGED, before.url(), after.url());
        if (!sameText(before.address(), after.address())) {
            out.add(path + ".address", DiffRule.CONTROLLER_CHANGED, out.textChange(before.address(), after.address()));
        }
    }

    private void banner() {
        var before = oldPolicy.banner();
        var after = newPolicy.banner();
        out.text("banner.title", before.title(), after.title());
        out.text("banner.text", before.text(), after.text());
        Set<String> keys = new LinkedHashSet<>(before.labels().keySet());
        keys.addAll(after.labels().keySet());
        for (String key : keys) {
            out.text("banner.labels." + key, before.labels().getOrDefault(key, LocalizedText.EMPTY),
                    after.labels().getOrDefault(key, LocalizedText.EMPTY));
        }
        if (!before.consentMode().equals(after.consentMode())) {
            out.add("banner.consentMode", DiffRule.OTHER_CHANGED, "Google Consent Mode default changed from "
                    + before.consentMode() + " to " + after.consentMode() + " (tags only: no decision is affected)");
        }
    }

    private void categories() {
        Map<String, Category> befores = byId(oldPolicy.categories(), Category::id);
        for (Category after : newPolicy.categories()) {
            String path = item("categories", after.id());
            Category before = befores.get(after.id());
            if (before == null) {
                out.add(path, DiffRule.CATEGORY_ADDED, "category '" + after.id() + "' added");
            } else {
                out.text(path + ".title", before.title(), after.title());
                out.text(path + ".description", before.description(), after.description());
            }
        }
        out.removed("categories", "category", oldPolicy.categories(), newPolicy.categories(), Category::id,
                DiffRule.CATEGORY_REMOVED);
        out.order("categories", oldPolicy.categories(), newPolicy.categories(), Category::id);
    }

    private <T> void definitions(String list, String kind, List<T> befores, List<T> afters, Function<T, String> id,
                                 Function<T, LocalizedText> title, Function<T, LocalizedText> description) {
        Map<String, T> byId = byId(befores, id);
        for (T after : afters) {
            String path = item(list, id.apply(after));
            T before = byId.get(id.apply(after));
            if (before == null) {
                out.add(path, DiffRule.DEFINITION_ADDED, kind + " '" + id.apply(after) + "' defined");
            } else {
                out.text(path + ".title", title.apply(before), title.apply(after));
                out.text(path + ".description", description.apply(before), description.apply(after));
            }
        }
        out.removed(list, kind, befores, afters, id, DiffRule.DEFINITION_REMOVED);
        out.order(list, befores, afters, id);
    }

    // --- purposes -------------------------------------------------------------------------------

    private void purposes() {
        for (Purpose after : newPolicy.purposes()) {
            Purpose before = oldPolicy.purpose(after.id()).orElse(null);
            if (before == null) {
                out.add(item("purposes", after.id()), DiffRule.PURPOSE_ADDED, after.requiresConsent()
                        ? "new consent-based purpose '" + after.id() + "': asked for on its own, earlier decisions do not cover it"
                        : "new purpose '" + after.id() + "' resting on " + after.legalBasis());
            } else {
                purpose(before, after);
            }
        }
        out.removed("purposes", "purpose", oldPolicy.purposes(), newPolicy.purposes(), Purpose::id, DiffRule.PURPOSE_REMOVED);
        out.order("purposes", oldPolicy.purposes(), newPolicy.purposes(), Purpose::id);
    }

    private void purpose(Purpose before, Purpose after) {
        String path = item("purposes", after.id());
        // Old grants of the purpose carry over (it rests on consent in both files): a widening affects them.
        boolean granted = before.requiresConsent() && after.requiresConsent();
        out.text(path + ".title", before.title(), after.title());
        out.text(path + ".description", before.description(), after.description());
        if (before.legalBasis() != after.legalBasis()) {
            out.add(path + ".legalBasis", legalBasis(before, after));
        }
        if (!before.category().equals(after.category())) {
            out.add(path + ".category", category(before, after, granted));
        }
        if (!before.retention().iso().equals(after.retention().iso())) {
            out.add(path + ".retention", retention(before, after, granted));
        }
        members(path + ".dataCategories", "data category", after.id(), granted, before.dataCategories(),
                after.dataCategories(), DiffRule.CONSENT_DATA_CATEGORY_ADDED, DiffRule.DATA_CATEGORY_ADDED,
                DiffRule.DATA_CATEGORY_REMOVED);
        members(path + ".channels", "collection channel", after.id(), granted, before.channels(), after.channels(),
                DiffRule.CONSENT_CHANNEL_ADDED, DiffRule.CHANNEL_ADDED, DiffRule.CHANNEL_REMOVED);
        if (before.gpcOptOut() != after.gpcOptOut()) {
            out.add(path + ".gpcOptOut", gpcOptOut(before, after, granted));
        }
        if (before.objectable() != after.objectable()) {
            out.add(path + ".objectable", before.objectable()
                    ? new Change(DiffRule.OBJECTION_REMOVED, "purpose '" + after.id()
                            + "' can no longer be objected to: visitors who objected would be processed again")
                    : new Change(DiffRule.OBJECTION_ADDED, "purpose '" + after.id() + "' can now be objected to"));
        }
        if (before.choicePerService() != after.choicePerService()) {
            out.add(path + ".choicePerService", before.choicePerService() && granted
                    ? new Change(DiffRule.SERVICE_CHOICE_REMOVED, "purpose '" + after.id() + "' is no longer granted per"
                            + " service: a service a visitor refused would run under the purpose's grant")
                    : new Change(DiffRule.SERVICE_CHOICE_ADDED, "purpose '" + after.id() + "' is "
                            + (after.choicePerService() ? "now" : "no longer") + " granted per service"));
        }
    }

    private static Change legalBasis(Purpose before, Purpose after) {
        if (after.requiresConsent()) {
            return new Change(DiffRule.LEGAL_BASIS_CHANGED_TO_CONSENT, "purpose '" + after.id() + "' now rests on consent instead of "
                    + before.legalBasis() + ": no visitor has agreed to it, and earlier decisions may record it as allowed");
        }
        return new Change(DiffRule.PURPOSE_CHANGED, "legal basis of purpose '" + after.id() + "' changed from "
                + before.legalBasis() + " to " + after.legalBasis() + (before.requiresConsent() ? ": it is no longer asked for" : ""));
    }

    private static Change category(Purpose before, Purpose after, boolean granted) {
        String moved = "purpose '" + after.id() + "' moved from category '" + before.category() + "' to '" + after.category() + "'";
        return granted
                ? new Change(DiffRule.CONSENT_PURPOSE_MOVED, moved + ": visitors agreed to it as part of '" + before.category() + "'")
                : new Change(DiffRule.PURPOSE_CHANGED, moved + " (it is not asked for)");
    }

    private static Change retention(Purpose before, Purpose after, boolean granted) {
        int comparison = after.retention().compareTo(before.retention());
        String what = "retention of purpose '" + after.id() + "' " + how(comparison) + " from " + before.retention()
                + " to " + after.retention();
        return granted && comparison > 0
                ? new Change(DiffRule.CONSENT_RETENTION_LENGTHENED, what + ": earlier grants would keep data longer than agreed")
                : new Change(DiffRule.PURPOSE_CHANGED, what);
    }

    private static Change gpcOptOut(Purpose before, Purpose after, boolean granted) {
        if (before.gpcOptOut() && granted) {
            return new Change(DiffRule.GPC_OPT_OUT_REMOVED, "purpose '" + after.id()
                    + "' is no longer denied by Global Privacy Control: grants the signal overrode would now apply");
        }
        return new Change(DiffRule.PURPOSE_CHANGED, "purpose '" + after.id() + "' is "
                + (after.gpcOptOut() ? "now" : "no longer") + " denied by Global Privacy Control");
    }

    /** The data categories or channels of a purpose: one added to a granted purpose widens what earlier grants cover. */
    private void members(String path, String kind, String purposeId, boolean granted, List<String> before, List<String> after,
                         DiffRule grantedAdded, DiffRule added, DiffRule removed) {
        for (String id : after) {
            if (!before.contains(id)) {
                String what = kind + " '" + id + "' added to ";
                out.add(item(path, id), granted
                        ? new Change(grantedAdded, what + "consent-based purpose '" + purposeId + "': earlier grants of it would cover it")
                        : new Change(added, what + "purpose '" + purposeId + "', which is not asked for"));
            }
        }
        for (String id : before) {
            if (!after.contains(id)) {
                out.add(item(path, id), removed, kind + " '" + id + "' removed from purpose '" + purposeId + "'");
            }
        }
    }

    // --- processors -----------------------------------------------------------------------------

    private void processors() {
        Map<String, Processor> befores = byId(oldPolicy.processors(), Processor::id);
        for (Processor after : newPolicy.processors()) {
            String path = item("processors", after.id());
            Processor before = befores.get(after.id());
            if (before == null) {
                out.add(path, addedProcessor(after));
                continue;
            }
            out.text(path + ".name", before.name(), after.name());
            out.text(path + ".description", before.description(), after.description());
            Set<String> wider = coverage.processedAfter(after);
            wider.removeAll(coverage.processedBefore(before));
            List<String> widened = coverage.grantable(wider);
            if (!widened.isEmpty()) {
                out.add(path + ".purposes", DiffRule.CONSENT_PROCESSOR_ADDED, "processor " + name(after)
                        + " now also processes data for consent-based " + plural("purpose", widened) + scope(after)
                        + ": earlier grants would cover it");
            } else if (!before.purposes().equals(after.purposes())) {
                out.add(path + ".purposes", DiffRule.PROCESSOR_CHANGED, "purposes of processor " + name(after)
                        + " changed from " + scopeOf(before) + " to " + scopeOf(after));
            }
            if (!Objects.equals(before.location(), after.location())) {
                out.add(path + ".location", location(before, after));
            }
        }
        out.removed("processors", "processor", oldPolicy.processors(), newPolicy.processors(), Processor::id,
                DiffRule.PROCESSOR_REMOVED);
        out.order("processors", oldPolicy.processors(), newPolicy.processors(), Processor::id);
    }

    private Change addedProcessor(Processor after) {
        List<String> grants = coverage.grantable(coverage.processedAfter(after));
        String what = "new processor " + name(after) + scope(after);
        return grants.isEmpty()
                ? new Change(DiffRule.PROCESSOR_ADDED, what + " processes data for no consent-based purpose earlier decisions cover")
                : new Change(DiffRule.CONSENT_PROCESSOR_ADDED, what + " processes data for consent-based "
                        + plural("purpose", grants) + ": earlier grants would cover it");
    }

    private Change location(Processor before, Processor after) {
        List<String> grants = coverage.grantable(coverage.processedAfter(after));
        String moved = "processor " + name(after) + " moved from " + before.location() + " to " + after.location();
        return grants.isEmpty()
                ? new Change(DiffRule.PROCESSOR_CHANGED, moved)
                : new Change(DiffRule.CONSENT_PROCESSOR_LOCATION_CHANGED, moved + ": earlier grants of "
                        + String.join(", ", grants) + " would cover the new location");
    }

    /** How a message names a processor: its name in the new file's default locale, quoted. */
    private String name(Processor processor) {
        return "'" + processor.name().get(newPolicy.defaultLocale()) + "'";
    }

    private static String scope(Processor processor) {
        return processor.purposes().isEmpty() ? " (it serves all purposes)" : "";
    }

    private static String scopeOf(Processor processor) {
        return processor.purposes().isEmpty() ? "all purposes" : processor.purposes().toString();
    }
}
