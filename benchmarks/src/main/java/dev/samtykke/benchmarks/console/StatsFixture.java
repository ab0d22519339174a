package dev.samtykke.benchmarks.console;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.stats.BufferedConsentStats;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.InMemoryConsentStats;
import dev.samtykke.core.stats.jdbc.JdbcConsentStats;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What the console benchmarks share: the reference policy, decisions spread over a year, two policy versions and the
 * policy's locales, and the counter stores (in memory, JDBC on embedded H2 or on PostgreSQL, each in a table of its
 * own that {@link #close} drops).
 */
final class StatsFixture implements AutoCloseable {

    static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");
    /** "Today" for every benchmark: a fixed day, so that a run does not straddle midnight. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final ConsentMethod[] METHODS = {ConsentMethod.ACCEPT_ALL, ConsentMethod.REJECT_ALL,
            ConsentMethod.CUSTOM, ConsentMethod.WITHDRAW};

    private final List<String> purposes = POLICY.purposes().stream().filter(Purpose::requiresConsent).map(Purpose::id).toList();
    private final List<String> locales = POLICY.locales().stream().map(java.util.Locale::toLanguageTag).toList();
    private final SplittableRandom random = new SplittableRandom(15);
    private DataSource dataSource;
    private JdbcConnectionPool pool;
    private String prefix;
    private String postgresSchema;

    /** A decision of the year up to {@link #TODAY}: a random day, version, method and grants. */
    ConsentDecision decision() {
        Instant at = TODAY.atStartOfDay().toInstant(ZoneOffset.UTC).minus(random.nextInt(366), ChronoUnit.DAYS)
                .plusSeconds(random.nextInt(86_400));
        ConsentMethod method = METHODS[random.nextInt(METHODS.length)];
        Map<String, Boolean> grants = new LinkedHashMap<>();
        for (String p : purposes) {
            grants.put(p, switch (method) {
                case ACCEPT_ALL -> true;
                case CUSTOM -> random.nextBoolean();
                default -> false;
            });
        }
        PolicyVersion version = PolicyVersion.parse(random.nextInt(3) == 0 ? "1.0" : "2.0");
        return new ConsentDecision("s" + random.nextInt(1_000_000), POLICY.id(), version, grants, method, at,
                at.plus(365, ChronoUnit.DAYS));
    }

    String locale() {
        return locales.get(random.nextInt(locales.size()));
    }

    /**
     * A store: {@code memory}, {@code h2} or {@code postgres} (JDBC, written directly), or {@code buffered-h2} /
     * {@code buffered-postgres} ({@link BufferedConsentStats} over it, written every second).
     */
    ConsentStats store(String kind) throws SQLException {
        return switch (kind) {
            case "memory" -> new InMemoryConsentStats();
            case "h2" -> jdbc(h2());
            case "postgres" -> jdbc(postgres());
            case "buffered-h2" -> new BufferedConsentStats(jdbc(h2()), Duration.ofSeconds(1));
            case "buffered-postgres" -> new BufferedConsentStats(jdbc(postgres()), Duration.ofSeconds(1));
            default -> throw new IllegalArgumentException("unknown store " + kind);
        };
    }

    /** Records {@code n} decisions in a store, through a write-behind buffer for the JDBC ones (as Spring does). */
    void fill(ConsentStats stats, String kind, int n) {
        ConsentStats target = kind.equals("memory") ? stats : new BufferedConsentStats(stats, Duration.ofSeconds(1));
        for (int i = 0; i < n; i++) {
            target.decision(decision(), locale());
            if (i % 4 == 0) {
                target.impression(TODAY.minusDays(random.nextInt(366)), random.nextInt(3) == 0 ? "1.0" : "2.0", locale());
            }
        }
        if (target instanceof BufferedConsentStats buffered) {
            buffered.close(); // writes what is left
        }
    }

    private ConsentStats jdbc(DataSource source) {
        prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        return JdbcConsentStats.builder(source).tablePrefix(prefix).build();
    }

    private DataSource h2() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:stats-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        pool.setMaxConnections(20);
        dataSource = pool;
        return pool;
    }

    private DataSource postgres() throws SQLException {
        String url = System.getProperty("stats.url", System.getenv("SAMTYKKE_TEST_POSTGRES_URL"));
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("PostgreSQL: set -Dstats.url=jdbc:postgresql://… or SAMTYKKE_TEST_POSTGRES_URL");
        }
        postgresSchema = "samtykke_bench_stats_" + UUID.randomUUID().toString().substring(0, 8);
        PGConnectionPoolDataSource setup = new PGConnectionPoolDataSource();
        setup.setURL(url);
        try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + postgresSchema);
        }
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        source.setCurrentSchema(postgresSchema);
        pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(20);
        dataSource = pool;
        return pool;
    }

    /** Rows in the store's table (JDBC stores), to report the aggregate's size. */
    long rows() throws SQLException {
        if (dataSource == null) {
            return -1;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + prefix + "stats_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (pool == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(postgresSchema != null ? "DROP SCHEMA " + postgresSchema + " CASCADE" : "DROP ALL OBJECTS");
        } finally {
            pool.dispose();
        }
    }
}
