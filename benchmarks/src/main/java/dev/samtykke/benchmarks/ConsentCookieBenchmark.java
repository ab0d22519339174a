package dev.samtykke.benchmarks;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.CookieDecodeResult;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.Purpose;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The per-request cost of consent: read and verify the consent cookie of the reference policy,
 * evaluate it and ask whether one purpose is allowed; beside it, a bare HMAC-SHA256 over the same
 * signed bytes with a reused {@link Mac}, the floor any signed cookie pays.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ConsentCookieBenchmark {

    /**
     * The policy: {@code classpath:…}, {@code file:…} or a path. By default the reference policy (2 consent-based
     * purposes) and a policy of 20 consent-based purposes, whose cookie signs about 130 bytes.
     */
    @Param({"classpath:policies/jackon.json", "classpath:bench/twenty-purposes.json"})
    public String policy;

    private ConsentCookieCodec codec;
    private ConsentEvaluator evaluator;
    private Clock clock;
    private String cookie;
    private String purpose;
    private byte[] signedBytes;
    private Mac mac;

    @Setup
    public void setUp() throws Exception {
        ConsentPolicy loaded = PolicyLoader.fromLocation(policy);
        clock = Clock.systemUTC();
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        KeyRing keys = KeyRing.fromBase64("k1", Base64.getEncoder().encodeToString(key), Map.of());
        codec = new ConsentCookieCodec(keys, loaded, clock);
        evaluator = new ConsentEvaluator(loaded, clock);

        // A typical custom decision: every other consent-based purpose granted.
        List<Purpose> purposes = loaded.consentPurposes();
        Map<String, Boolean> choices = new LinkedHashMap<>();
        for (int i = 0; i < purposes.size(); i++) {
            choices.put(purposes.get(i).id(), i % 2 == 0);
        }
        ConsentDecision decision = evaluator.decide(ConsentEvaluator.newSubjectId(), ConsentMethod.CUSTOM, choices);
        cookie = codec.encode(decision);
        purpose = purposes.get(0).id();
        if (!codec.decode(cookie).isValid() || !perRequest()) {
            throw new IllegalStateException("the benchmark cookie does not verify");
        }

        byte[] decoded = Base64.getUrlDecoder().decode(cookie);
        signedBytes = Arrays.copyOf(decoded, decoded.length - 32);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        System.out.printf("%n# policy %s: %d consent-based purposes, cookie %d characters, %d signed bytes%n",
                loaded.id(), purposes.size(), cookie.length(), signedBytes.length);
    }

    /**
     * What the consent filter does per request with a cookie it has not verified before: read the clock
     * once, decode and verify the cookie, evaluate, and answer {@code allows(purpose)}.
     */
    @Benchmark
    public boolean perRequest() {
        long now = clock.millis();
        CookieDecodeResult result = codec.decode(cookie, now);
        ConsentState state = evaluator.evaluate(result.decision().orElse(null), false, now);
        return state.allows(purpose);
    }

    /** The floor: HMAC-SHA256 over the same signed bytes with a reused {@link Mac}. */
    @Benchmark
    public byte[] bareHmac() {
        return mac.doFinal(signedBytes);
    }

    /** Decode and verify only, reading the clock for expiry. */
    @Benchmark
    public CookieDecodeResult decodeOnly() {
        return codec.decode(cookie);
    }
}
