package dev.samtykke.spring.it;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.spring.RequiresConsent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Map;
import java.util.TreeSet;

/** A small application for the HTTP tests. */
@SpringBootApplication
public class TestApplication {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    ServerSideTracker serverSideTracker() {
        return new ServerSideTracker();
    }

    /** An interceptor that sets {@code _ga} on Spring's error page (the {@code /error} dispatch). */
    @Bean
    WebMvcConfigurer errorPageTracker() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if (request.getDispatcherType() == DispatcherType.ERROR) {
                            response.addCookie(new Cookie("_ga", "GA1.1.error"));
                        }
                        return true;
                    }
                });
            }
        };
    }

    /** A server-side client that needs consent. */
    public static class ServerSideTracker {
        @RequiresConsent(value = "marketing", whenNotGranted = RequiresConsent.WhenNotGranted.THROW)
        public String audience() {
            return "audience synced";
        }
    }

    /** Handlers gated per method, handlers taking the state, and handlers that set cookies. */
    @RestController
    public static class Pages {
        private final ServerSideTracker tracker;
        private final BeanFactory beans;

        public Pages(ServerSideTracker tracker, BeanFactory beans) {
            this.tracker = tracker;
            this.beans = beans;
        }

        @GetMapping("/tracked")
        @RequiresConsent("analytics")
        public String tracked() {
            return "tracked";
        }

        @GetMapping("/forbidden-without-consent")
        @RequiresConsent(value = "marketing", status = 403)
        public String forbiddenWithoutConsent() {
            return "marketing";
        }

        @GetMapping("/state")
        public Map<String, Object> state(ConsentState state) {
            return Map.of("analytics", state.allows("analytics"), "granted", new TreeSet<>(state.granted()));
        }

        @GetMapping("/audience")
        public String audience() {
            return tracker.audience();
        }

        /** Evaluates an expression as a template would, against the application's beans. */
        @GetMapping("/template")
        public String template(@RequestParam String expression) {
            StandardEvaluationContext context = new StandardEvaluationContext();
            context.setBeanResolver(new BeanFactoryResolver(beans));
            return String.valueOf(new SpelExpressionParser().parseExpression(expression).getValue(context));
        }

        @GetMapping("/cookies")
        public String cookies(HttpServletResponse response) {
            response.addCookie(new Cookie("_ga", "GA1.1.1"));
            response.addHeader("Set-Cookie", "undeclared=1; Path=/");
            return "cookies";
        }

        @GetMapping("/boom")
        public String boom() {
            throw new IllegalStateException("goes to /error");
        }

        @GetMapping("/collect/hit")
        public String hit() {
            return "hit";
        }
    }

    /** A controller gated as a whole. */
    @RestController
    @RequiresConsent("marketing")
    public static class Campaigns {
        @GetMapping("/campaign")
        public String campaign() {
            return "campaign";
        }
    }
}
