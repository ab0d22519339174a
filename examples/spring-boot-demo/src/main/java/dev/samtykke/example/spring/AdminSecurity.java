package dev.samtykke.example.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the privacy console: one user, {@code admin}, with the password of {@code JACKON_ADMIN_PASSWORD} and the
 * console's authority {@code ROLE_SAMTYKKE_ADMIN}. Samtykke's own security chain guards {@code /consent/admin/**}
 * (HTTP Basic, or the session of this login); this chain only serves the login form ({@code /login}, then on to the
 * console) and {@code /logout}. Every other page of the site passes no security filter, as before.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurity.class);
    /** Where the console is served (Samtykke's base path {@code /consent} and {@code /admin/}). */
    static final String CONSOLE = "/consent/admin/";

    private final String password;

    AdminSecurity(@Value("${" + AdminConsoleSwitch.PASSWORD + ":}") String password) {
        this.password = password;
    }

    private boolean enabled() {
        return !password.isBlank();
    }

    /** The admin when a password is set; no user at all otherwise (and no generated password). */
    @Bean
    InMemoryUserDetailsManager users() {
        if (!enabled()) {
            return new InMemoryUserDetailsManager();
        }
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(User.withUsername("admin").password(encoder.encode(password))
                .roles("SAMTYKKE_ADMIN").build());
    }

    /** The login form and logout; with the console off, nothing (the paths fall through to the site: 404). */
    @Bean
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/login", "/logout");
        if (enabled()) {
            http.formLogin(form -> form.defaultSuccessUrl(CONSOLE, true))
                    .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        } else {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        }
        return http.build();
    }

    /** Says at start-up how to reach the console, or how to turn it on. */
    @Bean
    ApplicationRunner adminConsoleNotice() {
        return args -> {
            if (enabled()) {
                LOG.info("Privacy console: {} for the user admin (HTTP Basic, or log in at /login)", CONSOLE);
            } else {
                LOG.info("Privacy console: off. To serve it at {} for the user admin, set JACKON_ADMIN_PASSWORD"
                        + " (e.g. JACKON_ADMIN_PASSWORD=$(openssl rand -base64 18) java -jar target/jackon-demo.jar)",
                        CONSOLE);
            }
        };
    }
}
