package dev.samtykke.spring.internal;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.Objects;

/**
 * Samtykke's Micrometer meters, registered in the application's {@link MeterRegistry} (the unique or
 * primary one) once every singleton exists; without a registry they count nothing. It is a
 * {@link SamtykkeListener} of the auto-configured {@link Samtykke}, which calls it. Tags hold no personal
 * data and take a bounded set of values: the decision method, whether a stripped cookie was declared,
 * the undeclared-cookie mode, and a cookie's declared name or pattern (never a name a request chose).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@value #DECISIONS}</td><td>counter</td><td>{@code method}</td><td>decisions recorded in the ledger</td></tr>
 *   <tr><td>{@value #STRIPPED}</td><td>counter</td><td>{@code declared}</td><td>cookies the filter kept from being set</td></tr>
 *   <tr><td>{@value #UNDECLARED}</td><td>counter</td><td>{@code handling}</td><td>attempts to set a cookie the policy does not declare</td></tr>
 *   <tr><td>{@value #UNDECLARED_NAMES}</td><td>gauge</td><td></td><td>distinct undeclared cookie names seen</td></tr>
 *   <tr><td>{@value #VIOLATIONS}</td><td>counter</td><td>{@code cookie}</td><td>cookies a request carried although its
 *       consent does not allow them (set by a script), which the filter expired; tagged with the name or
 *       pattern the policy declares ({@code _ga_*}), or {@code undeclared}</td></tr>
 * </table>
 */
public final class SamtykkeMetrics implements SmartInitializingSingleton, SamtykkeListener {

    /** Decisions recorded, by method. */
    public static final String DECISIONS = "samtykke.decisions";
    /** Cookies stripped from responses. */
    public static final String STRIPPED = "samtykke.cookies.stripped";
    /** Undeclared cookies the application set. */
    public static final String UNDECLARED = "samtykke.cookies.undeclared";
    /** Distinct undeclared cookie names. */
    public static final String UNDECLARED_NAMES = "samtykke.cookies.undeclared.names";
    /** Cookies requests carried against their consent (set by scripts), expired by the filter. */
    public static final String VIOLATIONS = "samtykke.cookies.violations";
    /** The {@code cookie} tag of a violation by a cookie the policy does not declare. */
    static final String UNDECLARED_TAG = "undeclared";

    private final ObjectProvider<MeterRegistry> registries;
    private final ObjectProvider<Samtykke> samtykke;
    private volatile MeterRegistry registry;
    private volatile String undeclaredHandling = "allow";

    /**
     * @param registries the application's meter registries
     * @param samtykke the application's Samtykke, for the undeclared-names gauge
     */
    public SamtykkeMetrics(ObjectProvider<MeterRegistry> registries, ObjectProvider<Samtykke> samtykke) {
        this.registries = Objects.requireNonNull(registries, "registries");
        this.samtykke = Objects.requireNonNull(samtykke, "samtykke");
    }

    /** Finds the registry and registers the gauge. */
    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry found = registries.getIfUnique();
        if (found == null) {
            return;
        }
        Samtykke s = samtykke.getIfUnique();
        if (s != null) {
            undeclaredHandling = s.config().undeclaredCookies() == UndeclaredCookiePolicy.BLOCK ? "block" : "allow";
            Gauge.builder(UNDECLARED_NAMES, s, x -> x.undeclaredCookies().names().size())
                    .description("Distinct names of cookies set by the application that the consent policy does not declare")
                    .register(found);
        }
        registry = found;
    }

    /**
     * Whether a registry was found.
     *
     * @return {@code true} if the meters count
     */
    public boolean isActive() {
        return registry != null;
    }

    /**
     * Counts a recorded decision by its method.
     *
     * @param decision the decision the ledger took
     */
    @Override
    public void decisionRecorded(ConsentDecision decision) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder(DECISIONS).description("Consent decisions recorded").tag("method", decision.method().id())
                    .register(r).increment();
        }
    }

    /**
     * Counts a cookie the consent filter kept from being set.
     *
     * @param cookieName the cookie's name (not used as a tag)
     * @param declared whether the policy declares it
     */
    @Override
    public void cookieBlocked(String cookieName, boolean declared) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder(STRIPPED).description("Cookies kept from being set because their purposes are not granted")
                    .tag("declared", Boolean.toString(declared)).register(r).increment();
        }
    }

    /**
     * Counts an attempt to set a cookie the policy does not declare, tagged with the configured handling.
     *
     * @param cookieName the cookie's name (not used as a tag)
     */
    @Override
    public void undeclaredCookie(String cookieName) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder(UNDECLARED).description("Attempts to set a cookie the consent policy does not declare")
                    .tag("handling", undeclaredHandling).register(r).increment();
        }
    }

    /**
     * Counts a cookie a request carried although its consent does not allow it, tagged with its declaration.
     *
     * @param cookieName the cookie's name (not used as a tag: a pattern matches any number of names)
     * @param declaredAs the declared name or pattern, or {@code null} if undeclared
     */
    @Override
    public void cookieViolation(String cookieName, String declaredAs) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder(VIOLATIONS)
                    .description("Cookies requests carried although the visitor's consent does not allow them "
                            + "(set by scripts), expired by the consent filter")
                    .tag("cookie", declaredAs == null ? UNDECLARED_TAG : declaredAs).register(r).increment();
        }
    }
}
