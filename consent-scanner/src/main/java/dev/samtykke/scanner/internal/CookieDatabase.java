package dev.samtykke.scanner.internal;

import dev.samtykke.scanner.Suggestion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Cookie Database (Apache-2.0, shipped in this module's resources with its licence): known
 * cookie and storage-key names with platform, category, controller, description and retention.
 * Exact names are found with one hash look-up; wildcard (prefix) entries by the longest matching prefix.
 */
public final class CookieDatabase {

    static final String RESOURCE = "/dev/samtykke/scanner/open-cookie-database/open-cookie-database.csv";

    private record Entry(String platform, String category, String name, String description, String retention,
                         String controller, boolean wildcard) {
    }

    private final Map<String, Entry> exact = new HashMap<>();
    private final List<Entry> prefixes = new ArrayList<>();

    private CookieDatabase() {
    }

    /** The database shipped with the scanner. */
    public static CookieDatabase load() {
        CookieDatabase db = new CookieDatabase();
        try (InputStream in = CookieDatabase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Open Cookie Database " + RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<List<String>> rows = Csv.parse(reader);
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() < 10 || row.get(3).isBlank()) {
                    continue;
                }
                Entry e = new Entry(row.get(1), row.get(2), row.get(3).trim(), row.get(5), row.get(6), row.get(7),
                        "1".equals(row.get(9).trim()));
                if (e.wildcard()) {
                    db.prefixes.add(e);
                } else {
                    db.exact.putIfAbsent(e.name(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return db;
    }

    /** How many names the database knows. */
    public int size() {
        return exact.size() + prefixes.size();
    }

    /**
     * A suggestion for an undeclared name.
     *
     * @param name the cookie name or storage key seen
     * @param storage {@code cookie}, {@code localStorage} or {@code sessionStorage}
     * @return what the database says, or an unknown suggestion
     */
    public Suggestion suggest(String name, String storage) {
        Entry e = exact.get(name);
        if (e == null) {
            for (Entry p : prefixes) {
                if (name.startsWith(p.name()) && (e == null || p.name().length() > e.name().length())) {
                    e = p;
                }
            }
        }
        if (e == null) {
            return new Suggestion(name, storage, false, "", "", "", "", "", name);
        }
        return new Suggestion(name, storage, true, e.platform(), e.category(), e.controller(), e.description(), e.retention(),
                e.wildcard() ? e.name() + "*" : name);
    }
}
