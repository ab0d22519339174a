package dev.samtykke.scanner.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import dev.samtykke.scanner.Finding;
import dev.samtykke.scanner.ScanReport;
import dev.samtykke.scanner.Suggestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON report: {@code {"pages":[…], "findings":[{"kind","name","page","state","detail"}…], "suggestions":[…]}}. */
public final class JsonReport {

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {
    }

    /** The report as JSON. */
    public static String write(ScanReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("pages", report.pages());
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind().id());
            m.put("name", f.name());
            m.put("page", f.page());
            m.put("state", f.state().id());
            m.put("detail", f.detail());
            findings.add(m);
        }
        root.put("findings", findings);
        List<Map<String, Object>> suggestions = new ArrayList<>();
        for (Suggestion s : report.suggestions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("storage", s.storage());
            m.put("known", s.known());
            if (s.known()) {
                m.put("platform", s.platform());
                m.put("category", s.category());
                m.put("provider", s.provider());
                m.put("description", s.description());
                m.put("retention", s.retention());
            }
            m.put("declaration", PolicyFragment.declaration(s));
            suggestions.add(m);
        }
        root.put("suggestions", suggestions);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }
}
