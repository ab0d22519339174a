package dev.samtykke.core.notice;

import java.util.List;

/** The structure of a notice, written out in one format; the format escapes every text itself. */
interface NoticeWriter {

    /** A label and its value, e.g. "Retention: 13 months". */
    record Field(String label, Inline value) {
    }

    void open(String languageTag);

    void heading(int level, String text, String anchor);

    /** One paragraph of text (lines inside it are kept). */
    void paragraph(String text);

    void fields(List<Field> fields);

    void list(List<Inline> items);

    void table(List<String> headers, List<List<Inline>> rows);

    void close();

    String result();
}
