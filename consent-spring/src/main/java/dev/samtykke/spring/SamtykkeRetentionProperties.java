package dev.samtykke.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code samtykke.ledger.retention.*}: how long the ledger keeps proof of consent after a decision stops counting, and
 * when it purges what is older (see {@code docs/ledger.md}, "Retention that runs itself"). One application instance
 * at a time purges, under a database lock; the others skip that run.
 */
@ConfigurationProperties("samtykke.ledger.retention")
public class SamtykkeRetentionProperties {

    /** The default schedule: every day at 03:30 in the JVM's time zone. */
    public static final String DEFAULT_SCHEDULE = "0 30 3 * * *";

    /**
     * Purge the ledger on a schedule: records whose decision stopped counting longer ago than the retention lose their
     * content, and the start of each chain is deleted, each purge recorded as an event in the chain.
     */
    private boolean enabled = true;

    /**
     * How long a record is kept after its decision expired (an ISO-8601 period). A consent-based purpose whose
     * retention in the policy is longer keeps its records longer: a record is kept as long as the longest that applies.
     */
    private String period = "P3Y";

    /**
     * When to purge: a Spring cron expression (second, minute, hour, day of month, month, day of week) in the JVM's
     * time zone.
     */
    private String schedule = DEFAULT_SCHEDULE;

    /**
     * Per purpose id, a retention (ISO-8601 period) that replaces the policy's for that purpose, e.g.
     * analytics=P5Y. Like the policy's, it can only lengthen the period, never shorten it.
     */
    private Map<String, String> purposes = new LinkedHashMap<>();

    /** Properties with their defaults. */
    public SamtykkeRetentionProperties() {
    }

    /**
     * Whether the ledger is purged on a schedule.
     *
     * @return {@code true} by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the ledger is purged on a schedule.
     *
     * @param enabled whether
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The overall retention after a record expires.
     *
     * @return {@code P3Y} by default
     */
    public String getPeriod() {
        return period;
    }

    /**
     * Sets the overall retention.
     *
     * @param period an ISO-8601 period such as {@code P3Y}
     */
    public void setPeriod(String period) {
        this.period = period;
    }

    /**
     * The cron expression of the purge.
     *
     * @return {@value #DEFAULT_SCHEDULE} by default
     */
    public String getSchedule() {
        return schedule;
    }

    /**
     * Sets the cron expression of the purge.
     *
     * @param schedule a Spring cron expression
     */
    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    /**
     * Retention per purpose id, replacing the policy's.
     *
     * @return the map, empty by default
     */
    public Map<String, String> getPurposes() {
        return purposes;
    }

    /**
     * Sets the retention per purpose id.
     *
     * @param purposes purpose id to ISO-8601 period
     */
    public void setPurposes(Map<String, String> purposes) {
        this.purposes = purposes;
    }
}
