package dev.samtykke.servlet.internal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

import java.io.ByteArrayOutputStream;

/** Writes small JSON documents to bytes through Jackson's streaming generator. */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // As Jackson 2 did: a character beyond U+FFFF as an escaped surrogate pair, so the bytes stay the same.
            .disable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {
    }

    /** Writes the content of one JSON document. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the document.
         *
         * @param json the generator
         */
        void write(JsonGenerator json);
    }

    /**
     * Renders a document.
     *
     * @param body what to write
     * @return UTF-8 JSON
     */
    public static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            body.write(json);
        }
        return out.toByteArray();
    }

    /**
     * The error body {@code {"error":"…","detail":"…"}}.
     *
     * @param code the error code
     * @param detail the human-readable detail
     * @return UTF-8 JSON
     */
    public static byte[] error(String code, String detail) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringProperty("error", code);
            json.writeStringProperty("detail", detail);
            json.writeEndObject();
        });
    }
}
