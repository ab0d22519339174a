package dev.samtykke.servlet.internal;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeConfig;
import dev.samtykke.servlet.TrackingPath;
import dev.samtykke.servlet.UndeclaredCookiePolicy;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the {@code samtykke.*} parameters of {@code web.xml} (filter or servlet init parameters, else
 * context parameters) into a {@link Samtykke.Builder}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code samtykke.policy}</td><td>policy location: {@code classpath:…}, {@code file:…} or a path</td><td>required</td></tr>
 *   <tr><td>{@code samtykke.signing-key-id}</td><td>id of the signing key</td><td>{@value #DEFAULT_KEY_ID}</td></tr>
 *   <tr><td>{@code samtykke.signing-key}</td><td>the signing key, base64 (≥ 32 bytes)</td><td>none</td></tr>
 *   <tr><td>{@code samtykke.signing-key-env}</td><td>environment variable holding the signing key</td><td>{@value #DEFAULT_KEY_ENV}</td></tr>
 *   <tr><td>{@code samtykke.verifying-keys}</td><td>older keys that still verify: {@code id=base64,id=base64}</td><td>none</td></tr>
 *   <tr><td>{@code samtykke.verifying-keys-env}</td><td>environment variable holding {@code verifying-keys}</td><td>none</td></tr>
 *   <tr><td>{@code samtykke.development-keys}</td><td>{@code true}: a random key per start when none is configured</td><td>{@code false}</td></tr>
 *   <tr><td>{@code samtykke.ledger-jndi}</td><td>JNDI name of a {@code DataSource} for the JDBC ledger</td><td>in memory</td></tr>
 *   <tr><td>{@code samtykke.cookie-name}, {@code samtykke.cookie-domain}, {@code samtykke.always-secure-cookie},
 *       {@code samtykke.base-path}, {@code samtykke.max-body-bytes}, {@code samtykke.undeclared-cookies}
 *       ({@code allow}|{@code block}), {@code samtykke.tracking-paths} ({@code /collect/**=analytics, /px=a+b}),
 *       {@code samtykke.trusted-origins} (comma-separated), {@code samtykke.decisions-per-minute} ({@code 0}: no
 *       limit)</td><td>the {@link SamtykkeConfig} settings</td>
 *       <td>as {@link SamtykkeConfig#ofDefaults()}</td></tr>
 * </table>
 */
public final class InitParameters {

    /** The parameter naming the policy location. */
    public static final String POLICY = "samtykke.policy";
    /** The default signing key id. */
    public static final String DEFAULT_KEY_ID = "k1";
    /** The environment variable read for the signing key when no other source is named. */
    public static final String DEFAULT_KEY_ENV = dev.samtykke.core.cookie.KeyRing.SIGNING_KEY_ENV;

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
        return Samtykke.builder()
                .policy(PolicyLoader.fromLocation(location))
                .keys(keys(parameter, environment))
                .ledger(ledger(parameter))
                .config(config(parameter));
    }

    static KeyRing keys(Function<String, String> parameter, Function<String, String> environment) {
        String keyId = orDefault(value(parameter, "samtykke.signing-key-id"), DEFAULT_KEY_ID);
        String key = value(parameter, "samtykke.signing-key");
        String keyEnv = value(parameter, "samtykke.signing-key-env");
        if (key == null) {
            key = blankToNull(environment.apply(keyEnv != null ? keyEnv : DEFAULT_KEY_ENV));
        }
        if (key == null) {
            if (Boolean.parseBoolean(value(parameter, "samtykke.development-keys"))) {
                return KeyRing.development();
            }
            throw new IllegalArgumentException("No signing key: set the environment variable "
                    + (keyEnv != null ? keyEnv : DEFAULT_KEY_ENV) + " (or samtykke.signing-key-env / samtykke.signing-key) "
                    + "to a base64 key of at least 32 bytes, or samtykke.development-keys=true for local development");
        }
        String verifying = value(parameter, "samtykke.verifying-keys");
        String verifyingEnv = value(parameter, "samtykke.verifying-keys-env");
        if (verifying == null && verifyingEnv != null) {
            verifying = blankToNull(environment.apply(verifyingEnv));
        }
        return KeyRing.fromBase64(keyId, key, pairs(verifying, "samtykke.verifying-keys"));
    }

    static ConsentLedger ledger(Function<String, String> parameter) {
        String jndi = value(parameter, "samtykke.ledger-jndi");
        if (jndi == null) {
            return null;
        }
        try {
            Object found = new InitialContext().lookup(jndi);
            if (!(found instanceof DataSource dataSource)) {
                throw new IllegalArgumentException("samtykke.ledger-jndi '" + jndi + "' is not a javax.sql.DataSource");
            }
            return new JdbcConsentLedger(dataSource);
        } catch (NamingException e) {
            throw new IllegalArgumentException("samtykke.ledger-jndi '" + jndi + "' cannot be looked up: " + e.getMessage(), e);
        }
    }

    static SamtykkeConfig config(Function<String, String> parameter) {
        SamtykkeConfig.Builder b = SamtykkeConfig.builder();
        String v;
        if ((v = value(parameter, "samtykke.cookie-name")) != null) {
            b.cookieName(v);
        }
        if ((v = value(parameter, "samtykke.cookie-domain")) != null) {
            b.cookieDomain(v);
        }
        if ((v = value(parameter, "samtykke.always-secure-cookie")) != null) {
            b.alwaysSecureCookie(bool("samtykke.always-secure-cookie", v));
        }
        if ((v = value(parameter, "samtykke.base-path")) != null) {
            b.basePath(v);
        }
        if ((v = value(parameter, "samtykke.max-body-bytes")) != null) {
            b.maxBodyBytes(number("samtykke.max-body-bytes", v));
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
        if ((v = value(parameter, "samtykke.trusted-origins")) != null) {
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

    private static String value(Function<String, String> parameter, String name) {
        return blankToNull(parameter.apply(name));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
