package dev.samtykke.core.policy;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Loads a {@link ConsentPolicy} from a JSON or YAML policy file and validates it.
 *
 * <pre>{@code
 * ConsentPolicy policy = PolicyLoader.fromClasspath("consent-policy.json");
 * ConsentPolicy policy = PolicyLoader.fromFile(Path.of("policy.yaml"));
 * }</pre>
 *
 * <p>Every failure is a {@link PolicyException} whose message names the source: a
 * {@link PolicyLoadException} when the file is missing or not well-formed, a
 * {@link PolicyValidationException} listing every problem, each with its path, when its content is wrong.
 */
public final class PolicyLoader {

    /** The largest policy file accepted, in bytes. */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    /** The format of a policy document. */
    public enum Format {
        /** JSON (RFC 8259). */
        JSON,
        /**
         * YAML 1.2, as read by SnakeYAML Engine with the JSON schema: an unquoted {@code true}/{@code false} is a
         * boolean, {@code null} (or nothing) is null, a number such as {@code 1.0} is a number, anything else a
         * string. Quote values such as {@code "1.0"} that must stay strings.
         */
        YAML;

        /** The format a file name implies: YAML for {@code .yaml}/{@code .yml}, JSON otherwise. */
        public static Format ofName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : JSON;
        }
    }

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(64).maxStringLength(64 * 1024).maxDocumentLength(MAX_SIZE).build();
    private static final ObjectMapper JSON = configure(JsonMapper.builder(
            JsonFactory.builder().streamReadConstraints(LIMITS).build()));
    private static final ObjectMapper YAML = configure(YAMLMapper.builder(
            YAMLFactory.builder().streamReadConstraints(LIMITS).build()));

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"$");

    private PolicyLoader() {
    }

    private static ObjectMapper configure(MapperBuilder<?, ?> mapper) {
        return mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Loads a policy file; YAML if its name ends in {@code .yaml} or {@code .yml}, JSON otherwise. */
    public static ConsentPolicy fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new PolicyLoadException(source, "is a directory, not a policy file", null);
            }
            if (Files.size(file) > MAX_SIZE) {
                throw new PolicyLoadException(source, "file is larger than " + MAX_SIZE + " bytes", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PolicyLoadException(source, "file not found", e);
        } catch (IOException e) {
            throw new PolicyLoadException(source, "cannot read file (" + e.getMessage() + ")", e);
        }
        return fromBytes(bytes, Format.ofName(source), source);
    }

    /** Loads a policy from the context class loader's classpath (a leading {@code /} is ignored). */
    public static ConsentPolicy fromClasspath(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return fromClasspath(resource, loader != null ? loader : PolicyLoader.class.getClassLoader());
    }

    /** Loads a policy from a class loader's classpath (a leading {@code /} is ignored). */
    public static ConsentPolicy fromClasspath(String resource, ClassLoader loader) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(loader, "loader");
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        String source = "classpath:" + name;
        if (name.isBlank() || name.endsWith("/")) {
            throw new PolicyLoadException(source, "no resource name given (expected e.g. classpath:consent-policy.json)", null);
        }
        java.net.URL url = loader.getResource(name);
        if (url == null) {
            throw new PolicyLoadException(source, "resource not found on the classpath", null);
        }
        if (isDirectory(url)) {
            throw new PolicyLoadException(source, "is a directory, not a policy file", null);
        }
        try (InputStream in = url.openStream()) {
            return fromBytes(readBounded(in, source), Format.ofName(name), source);
        } catch (IOException e) {
            throw new PolicyLoadException(source, "cannot read resource (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isDirectory(java.net.URL url) {
        if (!"file".equals(url.getProtocol())) {
            return false;
        }
        try {
            return Files.isDirectory(Path.of(url.toURI()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Loads a policy from a location: {@code classpath:consent-policy.json}, {@code file:/etc/policy.yaml},
     * or a plain file path.
     */
    public static ConsentPolicy fromLocation(String location) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith("classpath:")) {
            return fromClasspath(location.substring("classpath:".length()));
        }
        Path file;
        try {
            if (location.startsWith("file:")) {
                String path = location.substring("file:".length());
                file = path.startsWith("//") ? Path.of(java.net.URI.create(location)) : Path.of(path);
            } else {
                file = Path.of(location);
            }
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // InvalidPathException is an IllegalArgumentException, as is a malformed file: URI.
            throw new PolicyLoadException(location, "not a valid file location (" + e.getMessage() + ")", e);
        }
        return fromFile(file);
    }

    /** Loads a policy from a stream (not closed), naming it {@code source} in errors. */
    public static ConsentPolicy fromStream(InputStream in, Format format, String source) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        try {
            return fromBytes(readBounded(in, source), format, source);
        } catch (IOException e) {
            throw new PolicyLoadException(source, "cannot read stream (" + e.getMessage() + ")", e);
        }
    }

    /** Loads a policy from a string. */
    public static ConsentPolicy fromString(String content, Format format, String source) {
        Objects.requireNonNull(content, "content");
        return fromBytes(content.getBytes(java.nio.charset.StandardCharsets.UTF_8), format, source);
    }

    /**
     * Reads and checks a policy document without throwing for its content: the policy (or
     * {@code null} if it could not be built at all) and every problem found. For tools such as a linter.
     *
     * @throws PolicyLoadException if the document is not well-formed JSON/YAML
     */
    public static Result check(byte[] content, Format format, String source) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        JsonNode root = parse(content, format, source);
        PolicyReader reader = new PolicyReader(format == Format.YAML);
        ConsentPolicy policy = reader.read(root);
        List<PolicyProblem> problems = new ArrayList<>(reader.problems());
        if (policy != null) {
            for (PolicyProblem p : PolicyValidator.validate(policy)) {
                // A value the reader already rejected would be reported again through its placeholder.
                if (reader.covered().stream().noneMatch(covered -> within(p.path(), covered))) {
                    problems.add(p);
                }
            }
        }
        return new Result(policy, List.copyOf(problems));
    }

    /** Whether {@code path} is {@code ancestor} or lies inside it ({@code a.b} and {@code a[0]} lie inside {@code a}). */
    private static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || (path.startsWith(ancestor)
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '['));
    }

    /**
     * The outcome of {@link #check}: the policy as read, and its problems.
     *
     * @param policy the policy, or {@code null} if the document is not an object at all
     * @param problems every problem, empty for a valid policy
     */
    public record Result(ConsentPolicy policy, List<PolicyProblem> problems) {
        /** Whether the policy is valid. */
        public boolean isValid() {
            return policy != null && problems.isEmpty();
        }
    }

    private static ConsentPolicy fromBytes(byte[] content, Format format, String source) {
        Result result = check(content, format, source);
        if (!result.isValid()) {
            throw new PolicyValidationException(source, result.problems());
        }
        return result.policy();
    }

    private static JsonNode parse(byte[] content, Format format, String source) {
        if (content.length > MAX_SIZE) {
            throw new PolicyLoadException(source, "document is larger than " + MAX_SIZE + " bytes", null);
        }
        try {
            JsonNode root = (format == Format.YAML ? YAML : JSON).readTree(content);
            if (root == null || root.isMissingNode()) {
                throw new PolicyLoadException(source, "the document is empty", null);
            }
            return root;
        } catch (JacksonException e) {
            throw new PolicyLoadException(source, "not well-formed " + format + describe(e), e);
        }
    }

    /** Where and what: {@code " at line 3, column 13: Unexpected character …"}, on one line. */
    private static String describe(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
            // SnakeYAML's own message spans several lines with code excerpts; its problem mark is the precise place.
            Mark mark = yaml.getProblemMark().get();
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": " + yaml.getProblem() + context;
        }
        TokenStreamLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        // Jackson 3 says 'Duplicate Object property "id"'; the documented message stays Jackson 2's.
        message = DUPLICATE.matcher(message).replaceFirst("Duplicate field '$1'");
        return where + ": " + message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static byte[] readBounded(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(MAX_SIZE + 1);
        if (bytes.length > MAX_SIZE) {
            throw new PolicyLoadException(source, "document is larger than " + MAX_SIZE + " bytes", null);
        }
        return bytes;
    }
}
