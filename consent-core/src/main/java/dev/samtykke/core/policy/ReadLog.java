package dev.samtykke.core.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What reading one policy document has found so far: the structural problems in document order, the paths they
 * cover, and the paths of the localized texts read. Shared by the {@link ObjectReader}s and {@link ValueReader}s
 * of one {@link PolicyReader}, with the settings they read by (the YAML flag, the default locale texts fall back to).
 */
final class ReadLog {

    /** A value is required: its absence is a problem. */
    enum Need { REQUIRED, OPTIONAL }

    private final boolean yaml;
    private final List<PolicyProblem> problems = new ArrayList<>();
    private final Set<String> covered = new HashSet<>();
    private final List<String> textPaths = new ArrayList<>();
    private int muted;
    private String fallback = "";

    /** @param yaml whether the document was YAML (whose 1.1 boolean words boolean fields accept) */
    ReadLog(boolean yaml) {
        this.yaml = yaml;
    }

    boolean yaml() {
        return yaml;
    }

    /** The language tag localized texts read from now on fall back to ({@code ""} until the default locale is read). */
    String fallback() {
        return fallback;
    }

    void fallback(String tag) {
        this.fallback = tag;
    }

    List<PolicyProblem> problems() {
        return problems;
    }

    Set<String> covered() {
        return covered;
    }

    /** Where the next problem will go; an {@link ObjectReader} reports its unknown fields there. */
    int mark() {
        return problems.size();
    }

    /** Reports a problem at a path (unless muted), which also covers the path. */
    void problem(String path, String message) {
        problemAt(problems.size(), path, message);
    }

    /** Reports a problem before those reported since {@link #mark()} returned {@code position}. */
    void problemAt(int position, String path, String message) {
        if (muted == 0) {
            problems.add(position, new PolicyProblem(path, message));
            covered.add(path);
        }
    }

    /** Whether a problem was reported at exactly this path. */
    boolean reported(String path) {
        return covered.contains(path);
    }

    /** Marks a path as covered without a problem of its own: a validator finding there would repeat one reported. */
    void cover(String path) {
        covered.add(path);
    }

    void text(String path) {
        textPaths.add(path);
    }

    /** Covers every localized text read: for when the locales are unsound, which makes per-locale findings noise. */
    void coverTexts() {
        covered.addAll(textPaths);
    }

    /** Runs a read whose problems are consequences of one already reported, discarding them. */
    <T> T quietly(Supplier<T> read) {
        muted++;
        try {
            return read.get();
        } finally {
            muted--;
        }
    }
}
