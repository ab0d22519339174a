package dev.samtykke.example.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Jackon AS example site: Samtykke's reference policy on Spring Boot, in Norwegian and English.
 * Start it with {@code java -jar target/jackon-demo.jar} and open http://localhost:8080/.
 */
@SpringBootApplication
public class JackonApplication {

    /**
     * Starts the site.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(JackonApplication.class, args);
    }
}
