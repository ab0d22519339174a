/**
 * Samtykke for Spring Boot: auto-configuration, {@code samtykke.*} properties, {@code @RequiresConsent}.
 *
 * <p>Exports its API ({@code dev.samtykke.spring}) and the auto-configuration package (whose failure analyzers
 * and auto-configuration class Spring Boot instantiates); {@code dev.samtykke.spring.internal} is not exported.
 * The packages Spring reads by reflection are opened to it.
 */
module dev.samtykke.spring {
    requires transitive dev.samtykke.servlet;
    requires transitive spring.context;
    requires transitive spring.boot;
    requires spring.beans;
    requires spring.core;
    requires spring.aop;
    requires spring.web;
    requires spring.webmvc;
    requires spring.boot.autoconfigure;
    requires org.slf4j;
    requires static micrometer.core;
    requires static spring.boot.sql;
    requires static spring.security.core;
    requires static spring.security.config;
    requires static spring.security.web;

    exports dev.samtykke.spring;
    exports dev.samtykke.spring.autoconfigure;

    opens dev.samtykke.spring to spring.core, spring.beans, spring.context, spring.boot;
    opens dev.samtykke.spring.autoconfigure to spring.core, spring.beans, spring.context, spring.boot;
    opens dev.samtykke.spring.internal to spring.core, spring.beans, spring.context, spring.aop;
}
