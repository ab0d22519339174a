package dev.samtykke.servlet.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes small JSON documents to bytes through Jackson's streaming generator. */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** Writes the content of one JSON document. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the document.
         *
         * @param json the generator
         * @throws IOException never for the in-memory target
         */
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * Renders a document.
     *
     * @param body what to write
     * @return UTF-8 JSON
     */
    public static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            json.writeStringField("error", code);
            json.writeStringField("detail", detail);
            json.writeEndObject();
        });
    }
}
