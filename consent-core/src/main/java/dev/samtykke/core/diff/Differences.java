package dev.samtykke.core.diff;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.LocalizedText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences found so far, in the order found, and the comparisons every part of a policy shares: texts,
 * single values, entries removed, entries reordered. Paths name entries by id ({@code services[ga]}), not position.
 */
final class Differences {

    /**
     * A rule and the message that explains it, chosen together in one decision.
     *
     * @param rule the rule, which fixes the level
     * @param detail what changed and why it has that level
     */
    record Change(DiffRule rule, String detail) {
    }

    /** The language tags of both policies, in order: the locales a text change is reported for. */
    private final List<String> tags;
    private final List<PolicyDifference> found = new ArrayList<>();

    Differences(ConsentPolicy oldPolicy, ConsentPolicy newPolicy) {
        Set<String> all = new LinkedHashSet<>();
        oldPolicy.locales().forEach(l -> all.add(l.toLanguageTag()));
        newPolicy.locales().forEach(l -> all.add(l.toLanguageTag()));
        this.tags = List.copyOf(all);
    }

    List<PolicyDifference> list() {
        return List.copyOf(found);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void add(String path, Change change) {
        add(path, change.rule(), change.detail());
    }

    void add(String path, DiffRule rule, String detail) {
        found.add(new PolicyDifference(path, rule, detail));
    }

    /** A localized text that changed: {@link DiffRule#TEXT_CHANGED}, naming the locales whose text differs. */
    void text(String path, LocalizedText before, LocalizedText after) {
        if (!sameText(before, after)) {
            add(path, DiffRule.TEXT_CHANGED, textChange(before, after));
        }
    }

    /** A single value that was set, removed or changed, under {@code rule}. */
    void value(String path, DiffRule rule, String before, String after) {
        if (!Objects.equals(before, after)) {
            add(path, rule, before == null ? "set to '" + after + "'" : after == null ? "'" + before + "' removed"
                    : "changed from '" + before + "' to '" + after + "'");
        }
    }

    /** The entries of {@code befores} that {@code afters} no longer has, each under {@code rule}. */
    <T> void removed(String list, String kind, List<T> befores, List<T> afters, Function<T, String> id, DiffRule rule) {
        Set<String> kept = afters.stream().map(id).collect(Collectors.toSet());
        for (T before : befores) {
            if (!kept.contains(id.apply(before))) {
                add(item(list, id.apply(before)), rule, kind + " '" + id.apply(before) + "' removed");
            }
        }
    }

    /** One {@link DiffRule#ORDER_CHANGED} if the entries both lists have are in another order. */
    <T> void order(String list, List<T> befores, List<T> afters, Function<T, String> id) {
        Set<String> oldIds = befores.stream().map(id).collect(Collectors.toSet());
        Set<String> newIds = afters.stream().map(id).collect(Collectors.toSet());
        List<String> before = befores.stream().map(id).filter(newIds::contains).toList();
        List<String> after = afters.stream().map(id).filter(oldIds::contains).toList();
        if (!before.equals(after)) {
            add(list, DiffRule.ORDER_CHANGED, "order changed from " + before + " to " + after);
        }
    }

    static boolean sameText(LocalizedText a, LocalizedText b) {
        return Objects.equals(a.universal(), b.universal()) && a.values().equals(b.values());
    }

    /** How a text changed: added, removed, or changed in which locales. */
    String textChange(LocalizedText before, LocalizedText after) {
        if (before.isEmpty()) {
            return "text added";
        }
        if (after.isEmpty()) {
            return "text removed";
        }
        List<String> changed = tags.stream().filter(tag -> !before.find(tag).equals(after.find(tag))).toList();
        return changed.isEmpty() ? "text rewritten" : "text changed (" + String.join(", ", changed) + ")";
    }

    /** How a list of values changed: what was added and removed, or that it was reordered. */
    static String change(String what, List<?> before, List<?> after) {
        List<Object> added = new ArrayList<>(after);
        added.removeAll(before);
        List<Object> removed = new ArrayList<>(before);
        removed.removeAll(after);
        if (added.isEmpty() && removed.isEmpty()) {
            return what + " reordered from " + before + " to " + after;
        }
        return what + (added.isEmpty() ? "" : " added: " + added) + (added.isEmpty() || removed.isEmpty() ? "" : ";")
                + (removed.isEmpty() ? "" : " removed: " + removed);
    }

    /** How a span compared: {@code lengthened}, {@code shortened} or (same length, other words) {@code rewritten}. */
    static String how(int comparison) {
        return comparison > 0 ? "lengthened" : comparison < 0 ? "shortened" : "rewritten";
    }

    /** The path of a list entry by id, e.g. {@code services[ga]}. */
    static String item(String list, String id) {
        return list + "[" + id + "]";
    }

    /** {@code purpose 'a'} or {@code purposes 'a', 'b'}. */
    static String plural(String noun, List<String> ids) {
        return noun + (ids.size() == 1 ? " " : "s ") + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }

    /** Entries by id, the first of a duplicated id winning. */
    static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.putIfAbsent(id.apply(item), item));
        return map;
    }
}
