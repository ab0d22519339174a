package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.AccountKey;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SubjectResolver;
import dev.samtykke.servlet.SamtykkeConfig;
import dev.samtykke.servlet.TrackingPath;
import dev.samtykke.servlet.UndeclaredCookiePolicy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads the {@code samtykke.*} parameters of {@code web.xml} (filter or servlet init parameters, else
 * context parameters) into a {@link Samtykke.Builder}.
 *
 * <p>Each parameter has the name of the Spring Boot property that means the same (see {@code docs/spring.md});
 * {@code samtykke.keys.signing-key-env}, {@code samtykke.keys.verifying-keys-env} and {@code samtykke.ledger.jndi}
 * exist here only. The names used before 0.1 (such as {@code samtykke.cookie-name}) are still read, with a warning
 * naming the new one.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code samtykke.policy}</td><td>policy location: {@code classpath:…}, {@code file:…} or a path</td><td>required</td></tr>
 *   <tr><td>{@code samtykke.keys.signing-key-id}</td><td>id of the signing key</td><td>{@value #DEFAULT_KEY_ID}</td></tr>
 *   <tr><td>{@code samtykke.keys.signing-key}</td><td>the signing key, base64 (≥ 32 bytes)</td><td>none</td></tr>
 *   <tr><td>{@code samtykke.keys.signing-key-env}</td><td>environment variable holding the signing key</td><td>{@value #DEFAULT_KEY_ENV}</td></tr>
 *   <tr><td>{@code samtykke.keys.verifying-keys}</td><td>older keys that still verify: {@code id=base64,id=base64}</td><td>none</td></tr>
 *   <tr><td>{@code samtykke.keys.verifying-keys-env}</td><td>environment variable holding the verifying keys</td><td>none</td></tr>
 *   <tr><td>{@code samtykke.development}</td><td>{@code true}: a random key per start when none is configured</td><td>{@code false}</td></tr>
 *   <tr><td>{@code samtykke.ledger.jndi}</td><td>JNDI name of a {@code DataSource} for the JDBC ledger</td><td>in memory</td></tr>
 *   <tr><td>{@code samtykke.cookie.name}, {@code samtykke.cookie.domain}, {@code samtykke.cookie.always-secure},
 *       {@code samtykke.endpoints.base-path}, {@code samtykke.endpoints.max-request-size} (bytes, or with a unit:
 *       {@code 8KB}), {@code samtykke.endpoints.trusted-origins} (comma-separated), {@code samtykke.undeclared-cookies}
 *       ({@code allow}|{@code block}), {@code samtykke.tracking-paths} ({@code /collect/**=analytics, /px=a+b}),
 *       {@code samtykke.decisions-per-minute} ({@code 0}: no limit)</td><td>the {@link SamtykkeConfig} settings</td>
 *       <td>as {@link SamtykkeConfig#ofDefaults()}</td></tr>
 *   <tr><td>{@code samtykke.accounts.enabled}</td><td>{@code true}: decisions follow the container's signed-in user
 *       ({@link SubjectResolver#userPrincipal()})</td><td>{@code false}</td></tr>
 *   <tr><td>{@code samtykke.accounts.key}</td><td>the account key, base64 (≥ 32 bytes)</td><td>derived from the signing key</td></tr>
 * </table>
 */
public final class InitParameters {

    /** The parameter naming the policy location. */
    public static final String POLICY = "samtykke.policy";
    /** The default signing key id. */
    public static final String DEFAULT_KEY_ID = "k1";
    /** The environment variable read for the signing key when no other source is named. */
    public static final String DEFAULT_KEY_ENV = dev.samtykke.core.cookie.KeyRing.SIGNING_KEY_ENV;

    /** Every parameter read, by its name: the name of the Spring Boot property that means the same, but for {@link #WEB_ONLY}. */
    public static final List<String> NAMES = List.of(POLICY, "samtykke.keys.signing-key-id", "samtykke.keys.signing-key",
            "samtykke.keys.signing-key-env", "samtykke.keys.verifying-keys", "samtykke.keys.verifying-keys-env",
            "samtykke.development", "samtykke.ledger.jndi", "samtykke.cookie.name", "samtykke.cookie.domain",
            "samtykke.cookie.always-secure", "samtykke.endpoints.base-path", "samtykke.endpoints.max-request-size",
            "samtykke.endpoints.trusted-origins", "samtykke.undeclared-cookies", "samtykke.tracking-paths",
            "samtykke.decisions-per-minute", "samtykke.accounts.enabled", "samtykke.accounts.key");
    /** The parameters with no Spring Boot property: where {@code web.xml} finds keys and a ledger that Spring has as beans. */
    public static final List<String> WEB_ONLY = List.of("samtykke.keys.signing-key-env", "samtykke.keys.verifying-keys-env",
            "samtykke.ledger.jndi");

    /** The names read before 0.1, by the name that replaced each. */
    static final Map<String, String> FORMER_NAMES = Map.ofEntries(
            Map.entry("samtykke.keys.signing-key-id", "samtykke.signing-key-id"),
            Map.entry("samtykke.keys.signing-key", "samtykke.signing-key"),
            Map.entry("samtykke.keys.signing-key-env", "samtykke.signing-key-env"),
            Map.entry("samtykke.keys.verifying-keys", "samtykke.verifying-keys"),
            Map.entry("samtykke.keys.verifying-keys-env", "samtykke.verifying-keys-env"),
            Map.entry("samtykke.development", "samtykke.development-keys"),
            Map.entry("samtykke.ledger.jndi", "samtykke.ledger-jndi"),
            Map.entry("samtykke.cookie.name", "samtykke.cookie-name"),
            Map.entry("samtykke.cookie.domain", "samtykke.cookie-domain"),
            Map.entry("samtykke.cookie.always-secure", "samtykke.always-secure-cookie"),
            Map.entry("samtykke.endpoints.base-path", "samtykke.base-path"),
            Map.entry("samtykke.endpoints.max-request-size", "samtykke.max-body-bytes"),
            Map.entry("samtykke.endpoints.trusted-origins", "samtykke.trusted-origins"));

    private static final Logger LOG = LoggerFactory.getLogger(InitParameters.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private InitParameters() {
    }

    /**
     * A builder configured from parameters.
     *
     * @param parameter parameter look-up by name ({@code null} when absent)
     * @param environment environment variable look-up by name
     * @return the configured builder
     * @throws IllegalArgumentException naming the parameter that is missing or wrong
     */
    public static Samtykke.Builder configure(Function<String, String> parameter, Function<String, String> environment) {
        String location = value(parameter, POLICY);
        if (location == null) {
            throw new IllegalArgumentException("Set the parameter " + POLICY + " to the policy file, e.g. classpath:policy.json");
        }
        Samtykke.Builder builder = Samtykke.builder()
                .policy(PolicyLoader.fromLocation(location))
                .keys(keys(parameter, environment))
                .ledger(ledger(parameter))
                .config(config(parameter));
        if (Boolean.parseBoolean(value(parameter, "samtykke.accounts.enabled"))) {
            builder.subjectResolver(SubjectResolver.userPrincipal()); // the container's signed-in user
            String key = value(parameter, "samtykke.accounts.key");
            if (key != null) {
                try {
                    builder.accountKey(AccountKey.fromBase64(key));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("samtykke.accounts.key: " + e.getMessage(), null);
                }
            }
        }
        return builder;
    }

    static KeyRing keys(Function<String, String> parameter, Function<String, String> environment) {
        String keyId = orDefault(value(parameter, "samtykke.keys.signing-key-id"), DEFAULT_KEY_ID);
        String key = value(parameter, "samtykke.keys.signing-key");
        String keyEnv = value(parameter, "samtykke.keys.signing-key-env");
        if (key == null) {
            key = blankToNull(environment.apply(keyEnv != null ? keyEnv : DEFAULT_KEY_ENV));
        }
        if (key == null) {
            if (Boolean.parseBoolean(value(parameter, "samtykke.development"))) {
                return KeyRing.development();
            }
            throw new IllegalArgumentException("No signing key: set the environment variable "
                    + (keyEnv != null ? keyEnv : DEFAULT_KEY_ENV) + " (or samtykke.keys.signing-key-env / samtykke.keys.signing-key) "
                    + "to a base64 key of at least 32 bytes, or samtykke.development=true for local development");
        }
        String verifying = value(parameter, "samtykke.keys.verifying-keys");
        String verifyingEnv = value(parameter, "samtykke.keys.verifying-keys-env");
        if (verifying == null && verifyingEnv != null) {
            verifying = blankToNull(environment.apply(verifyingEnv));
        }
        return KeyRing.fromBase64(keyId, key, pairs(verifying, "samtykke.keys.verifying-keys"));
    }

    static ConsentLedger ledger(Function<String, String> parameter) {
        String jndi = value(parameter, "samtykke.ledger.jndi");
        if (jndi == null) {
            return null;
        }
        try {
            Object found = new InitialContext().lookup(jndi);
            if (!(found instanceof DataSource dataSource)) {
                throw new IllegalArgumentException("samtykke.ledger.jndi '" + jndi + "' is not a javax.sql.DataSource");
            }
            return new JdbcConsentLedger(dataSource);
        } catch (NamingException e) {
            throw new IllegalArgumentException("samtykke.ledger.jndi '" + jndi + "' cannot be looked up: " + e.getMessage(), e);
        }
    }

    static SamtykkeConfig config(Function<String, String> parameter) {
        SamtykkeConfig.Builder b = SamtykkeConfig.builder();
        String v;
        if ((v = value(parameter, "samtykke.cookie.name")) != null) {
            b.cookieName(v);
        }
        if ((v = value(parameter, "samtykke.cookie.domain")) != null) {
            b.cookieDomain(v);
        }
        if ((v = value(parameter, "samtykke.cookie.always-secure")) != null) {
            b.alwaysSecureCookie(bool("samtykke.cookie.always-secure", v));
        }
        if ((v = value(parameter, "samtykke.endpoints.base-path")) != null) {
            b.basePath(v);
        }
        if ((v = value(parameter, "samtykke.endpoints.max-request-size")) != null) {
            b.maxBodyBytes(size("samtykke.endpoints.max-request-size", v));
        }
        if ((v = value(parameter, "samtykke.decisions-per-minute")) != null) {
            b.decisionsPerMinute(number("samtykke.decisions-per-minute", v));
        }
        if ((v = value(parameter, "samtykke.undeclared-cookies")) != null) {
            try {
                b.undeclaredCookies(UndeclaredCookiePolicy.valueOf(v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("samtykke.undeclared-cookies '" + v + "' must be allow or block");
            }
        }
        if ((v = value(parameter, "samtykke.tracking-paths")) != null) {
            for (Map.Entry<String, String> entry : pairs(v, "samtykke.tracking-paths").entrySet()) {
                b.trackingPath(entry.getKey(), entry.getValue().split("\\+"));
            }
        }
        if ((v = value(parameter, "samtykke.endpoints.trusted-origins")) != null) {
            for (String origin : v.split("[,\\s]+")) {
                if (!origin.isBlank()) {
                    b.trustedOrigin(origin);
                }
            }
        }
        return b.build();
    }

    /** {@code a=b, c=d} (commas or line breaks between pairs) as an ordered map. */
    static Map<String, String> pairs(String text, String parameterName) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null) {
            return pairs;
        }
        List<String> items = Arrays.stream(text.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException(parameterName + ": '" + item.replaceAll("=.*", "=…")
                        + "' must be written name=value");
            }
            pairs.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return pairs;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a number");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " '" + value + "' must be true or false");
        };
    }

    /** The parameter's value, else its former name's (with a warning, once per name), else {@code null}. */
    private static String value(Function<String, String> parameter, String name) {
        String value = blankToNull(parameter.apply(name));
        String former = FORMER_NAMES.get(name);
        if (value == null && former != null) {
            value = blankToNull(parameter.apply(former));
            if (value != null && WARNED.add(former)) {
                LOG.warn("The parameter {} is now called {}; the old name still works for now", former, name);
            }
        }
        return value;
    }

    /** Bytes, or a size with a unit as Spring writes it ({@code 512B}, {@code 8KB}, {@code 1MB}). */
    static int size(String name, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("KB")) {
            unit = 1024;
        } else if (v.endsWith("MB")) {
            unit = 1024 * 1024;
        }
        String digits = unit == 1 ? (v.endsWith("B") ? v.substring(0, v.length() - 1) : v) : v.substring(0, v.length() - 2);
        try {
            long bytes = Long.parseLong(digits.trim()) * unit;
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " '" + value + "' is too large");
            }
            return (int) bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a size such as 8192 or 8KB");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
