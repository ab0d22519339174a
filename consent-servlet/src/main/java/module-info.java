/**
 * Samtykke for any Servlet 6 container: {@code ConsentFilter}, the consent endpoints and the banner.
 *
 * <p>Exports {@code dev.samtykke.servlet} and the privacy console's API, {@code dev.samtykke.servlet.console}; their
 * {@code internal} packages are not exported.
 * Where {@code io.micrometer:context-propagation} is present, {@link dev.samtykke.servlet.ConsentContextAccessor}
 * carries the request's consent across threads (registered through {@code META-INF/services} on the class path;
 * on the module path, register it with {@code ContextRegistry.getInstance().registerThreadLocalAccessor}).
 */
module dev.samtykke.servlet {
    requires transitive dev.samtykke.core;
    requires transitive jakarta.servlet;
    requires tools.jackson.databind;
    requires org.slf4j;
    requires java.naming;
    requires static context.propagation;

    exports dev.samtykke.servlet;
    exports dev.samtykke.servlet.console;
}
