package dev.samtykke.spring;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.servlet.ConsentContext;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.spring.autoconfigure.SamtykkeAutoConfiguration;
import dev.samtykke.spring.internal.RequiresConsentValidator;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiresConsentOnBeansTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SamtykkeAutoConfiguration.class))
            .withPropertyValues("samtykke.policy=classpath:policies/jackon.json", "samtykke.development=true")
            .withUserConfiguration(Beans.class);

    /** A server-side tracking client, gated per method. */
    public static class TrackingClient {
        final AtomicInteger calls = new AtomicInteger();

        @RequiresConsent("analytics")
        public String pageView(String path) {
            calls.incrementAndGet();
            return "sent " + path;
        }

        @RequiresConsent({"analytics", "marketing"})
        public boolean conversion() {
            calls.incrementAndGet();
            return true;
        }

        @RequiresConsent(value = "marketing", whenNotGranted = RequiresConsent.WhenNotGranted.THROW)
        public void audience() {
            calls.incrementAndGet();
        }

        @RequiresConsent("analytics")
        public Optional<String> visitorId() {
            calls.incrementAndGet();
            return Optional.of("v");
        }

        @RequiresConsent("analytics")
        public List<String> events() {
            calls.incrementAndGet();
            return List.of("e");
        }

        @RequiresConsent("analytics")
        public Map<String, Integer> counts() {
            calls.incrementAndGet();
            return Map.of("e", 1);
        }

        @RequiresConsent("analytics")
        public Set<String> tags() {
            calls.incrementAndGet();
            return Set.of("t");
        }

        @RequiresConsent("analytics")
        public Collection<String> all() {
            calls.incrementAndGet();
            return List.of("a");
        }

        @RequiresConsent("analytics")
        public Stream<String> stream() {
            calls.incrementAndGet();
            return Stream.of("s");
        }

        @RequiresConsent("analytics")
        public int score() {
            calls.incrementAndGet();
            return 42;
        }

        @RequiresConsent("analytics")
        public long[] samples() {
            calls.incrementAndGet();
            return new long[]{1L};
        }

        /** Not annotated: calls a gated method of its own bean, which no proxy sees. */
        public String pageViewFromWithin(String path) {
            return pageView(path);
        }

        /** Not annotated, so it always reaches the target (a proxy's own fields are not the target's). */
        public int calls() {
            return calls.get();
        }

        public String ungated() {
            return "always";
        }
    }

    /** Names a purpose the policy does not declare, which start-up refuses unless the check is replaced. */
    public static class MisspeltClient {
        final AtomicInteger calls = new AtomicInteger();

        @RequiresConsent("statistics")
        public String unknownPurpose() {
            calls.incrementAndGet();
            return "ran";
        }

        public int calls() {
            return calls.get();
        }
    }

    /** Gated as a whole; one method asks for more. */
    @RequiresConsent("marketing")
    public static class AudienceClient {
        public String sync() {
            return "synced";
        }

        @RequiresConsent("analytics")
        public String measure() {
            return "measured";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        TrackingClient trackingClient() {
            return new TrackingClient();
        }

        @Bean
        AudienceClient audienceClient() {
            return new AudienceClient();
        }
    }

    private void withConsent(String consent, Consumer<ApplicationContext> test) {
        runner.run(context -> {
            Samtykke samtykke = context.getBean(Samtykke.class);
            var evaluator = samtykke.evaluator();
            ConsentState state = switch (consent) {
                case "all" -> evaluator.evaluate(evaluator.acceptAll("subject"), false);
                case "none" -> evaluator.evaluate(evaluator.rejectAll("subject"), false);
                default -> evaluator.evaluate(evaluator.decide("subject", dev.samtykke.core.consent.ConsentMethod.CUSTOM,
                        Map.of(consent, true)), false);
            };
            try (ConsentContext.Binding ignored = ConsentContext.bind(state)) {
                test.accept(context);
            }
        });
    }

    @Test
    void beansWithTheAnnotationAreClassProxies() {
        runner.run(context -> {
            TrackingClient client = context.getBean(TrackingClient.class);
            assertThat(AopUtils.isCglibProxy(client)).isTrue();
        });
    }

    @Test
    void runsWhenThePurposeIsGranted() {
        withConsent("analytics", context -> {
            TrackingClient client = context.getBean(TrackingClient.class);
            assertThat(client.pageView("/")).isEqualTo("sent /");
            assertThat(client.visitorId()).contains("v");
            assertThat(client.score()).isEqualTo(42);
            assertThat(client.calls()).isEqualTo(3);
        });
    }

    @Test
    void doesNotRunAndReturnsEmptyWhenNotGranted() {
        withConsent("none", context -> {
            TrackingClient client = context.getBean(TrackingClient.class);
            assertThat(client.pageView("/")).isNull();
            assertThat(client.conversion()).isFalse();
            assertThat(client.visitorId()).isEmpty();
            assertThat(client.events()).isEmpty();
            assertThat(client.counts()).isEmpty();
            assertThat(client.tags()).isEmpty();
            assertThat(client.all()).isEmpty();
            assertThat(client.stream()).isEmpty();
            assertThat(client.score()).isZero();
            assertThat(client.samples()).isEmpty();
            assertThat(client.calls()).isEqualTo(0);
            assertThat(client.ungated()).isEqualTo("always");
        });
    }

    @Test
    void needsEveryPurposeItNames() {
        withConsent("analytics", context -> {
            TrackingClient client = context.getBean(TrackingClient.class);
            assertThat(client.conversion()).isFalse();
            assertThat(client.calls()).isEqualTo(0);
        });
        withConsent("all", context -> assertThat(context.getBean(TrackingClient.class).conversion()).isTrue());
    }

    /**
     * Start-up refuses an unknown purpose (RequiresConsentValidationTest); should one reach the proxy all
     * the same (here the application replaced the check with one that checks nothing), it is never granted.
     */
    @Test
    void aPurposeThePolicyDoesNotKnowIsNeverGranted() {
        runner.withBean(MisspeltClient.class)
                .withBean(RequiresConsentValidator.class,
                        () -> new RequiresConsentValidator(new DefaultListableBeanFactory(), () -> null))
                .run(context -> {
                    Samtykke samtykke = context.getBean(Samtykke.class);
                    var evaluator = samtykke.evaluator();
                    try (ConsentContext.Binding ignored = ConsentContext.bind(
                            evaluator.evaluate(evaluator.acceptAll("subject"), false))) {
                        MisspeltClient client = context.getBean(MisspeltClient.class);
                        assertThat(client.unknownPurpose()).isNull();
                        assertThat(client.calls()).isEqualTo(0);
                    }
                });
    }

    @Test
    void throwsWhenTheAnnotationSaysSo() {
        withConsent("analytics", context -> {
            TrackingClient client = context.getBean(TrackingClient.class);
            assertThatThrownBy(client::audience).isInstanceOf(ConsentRequiredException.class)
                    .hasMessageContaining("marketing")
                    .satisfies(e -> assertThat(((ConsentRequiredException) e).purposes()).containsExactly("marketing"));
            assertThat(client.calls()).isEqualTo(0);
        });
    }

    @Test
    void outsideARequestNothingIsGranted() {
        runner.run(context -> {
            assertThat(ConsentContext.isBound()).isFalse();
            TrackingClient client = context.getBean(TrackingClient.class);
            assertThat(client.pageView("/")).isNull();
            assertThatThrownBy(client::audience).isInstanceOf(ConsentRequiredException.class);
            assertThat(client.calls()).isEqualTo(0);
        });
    }

    @Test
    void selfInvocationIsNotGated() {
        withConsent("none", context -> {
            TrackingClient client = context.getBean(TrackingClient.class);
            assertThat(client.pageView("/direct")).isNull();
            // Documented: a call from within the bean does not pass the proxy, so the gated method runs.
            assertThat(client.pageViewFromWithin("/inner")).isEqualTo("sent /inner");
            assertThat(client.calls()).isEqualTo(1);
        });
    }

    @Test
    void aClassAnnotationGatesEveryMethodAndAMethodAnnotationTakesPrecedence() {
        withConsent("analytics", context -> {
            AudienceClient client = context.getBean(AudienceClient.class);
            assertThat(client.sync()).isNull();
            assertThat(client.measure()).isEqualTo("measured");
            assertThat(client.toString()).isNotNull();
        });
        withConsent("marketing", context -> {
            AudienceClient client = context.getBean(AudienceClient.class);
            assertThat(client.sync()).isEqualTo("synced");
            assertThat(client.measure()).isNull();
        });
    }
}
