package dev.samtykke.example.spring;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Turns Samtykke's privacy console on exactly when the admin has a password: {@code samtykke.console.enabled} is
 * {@code true} when {@code jackon.admin-password} ({@code JACKON_ADMIN_PASSWORD}) is set, else {@code false}, whatever
 * else says. So the console is never served without its one user, and is off when the site starts with no setup.
 */
public class AdminConsoleSwitch implements EnvironmentPostProcessor {

    /** The property holding the admin's password ({@code JACKON_ADMIN_PASSWORD} in application.properties). */
    static final String PASSWORD = "jackon.admin-password";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String password = environment.getProperty(PASSWORD, "");
        environment.getPropertySources().addFirst(new MapPropertySource("jackonAdminConsole",
                Map.of("samtykke.console.enabled", Boolean.toString(!password.isBlank()))));
    }
}
