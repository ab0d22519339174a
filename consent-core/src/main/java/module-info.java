/**
 * Samtykke's core: the policy model and its files, consent evaluation, the signed consent cookie, signals, the
 * consent ledger (in memory and JDBC), notice rendering and policy diff. No servlet, no framework.
 *
 * <p>Exports its API packages only; {@code dev.samtykke.core.internal} (the grants fast path) is not exported.
 */
module dev.samtykke.core {
    requires transitive java.sql;
    requires java.net.http;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.yaml;
    requires org.snakeyaml.engine;
    requires org.slf4j;

    exports dev.samtykke.core.consent;
    exports dev.samtykke.core.cookie;
    exports dev.samtykke.core.diff;
    exports dev.samtykke.core.events;
    exports dev.samtykke.core.events.jdbc;
    exports dev.samtykke.core.ledger;
    exports dev.samtykke.core.ledger.jdbc;
    exports dev.samtykke.core.ledger.spi;
    exports dev.samtykke.core.notice;
    exports dev.samtykke.core.policy;
    exports dev.samtykke.core.signal;
    exports dev.samtykke.core.stats;
    exports dev.samtykke.core.stats.jdbc;

    // The JSON Schema of the policy file and the export's schema are resources in these packages.
    opens dev.samtykke.core.policy;
    opens dev.samtykke.core.ledger;
}
