package dev.samtykke.spring.autoconfigure;

import dev.samtykke.spring.RequiresConsent;
import dev.samtykke.spring.UnknownConsentPurposeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.DEV;
import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code @RequiresConsent} is checked against the policy at start-up. */
@ExtendWith(OutputCaptureExtension.class)
class RequiresConsentValidationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SamtykkeAutoConfiguration.class))
            .withPropertyValues(POLICY, DEV);

    static class Tracker {
        @RequiresConsent("analytics")
        public void pageView() {
        }

        @RequiresConsent({"analytics", "marketing"})
        public void conversion() {
        }
    }

    static class MisspeltTracker {
        @RequiresConsent("analytcs")
        public void pageView() {
        }
    }

    static class MisspeltServiceTracker {
        @RequiresConsent(value = "marketing", service = "meta-pixle")
        public void pixel() {
        }
    }

    @RequiresConsent("marketting")
    static class MisspeltClass {
        public void retarget() {
        }
    }

    static class NoPurpose {
        @RequiresConsent({})
        public void track() {
        }
    }

    @RestController
    static class MisspeltController {
        @GetMapping("/collect")
        @RequiresConsent("statistics")
        public String collect() {
            return "ok";
        }
    }

    static class NotConsentBased {
        @RequiresConsent("security")
        public void audit() {
        }
    }

    @Test
    void declaredPurposesStartUp() {
        runner.withBean(Tracker.class).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aMisspeltPurposeOnAMethodStopsStartUpNamingTheBeanTheMethodAndTheId() {
        runner.withBean("tracker", MisspeltTracker.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(UnknownConsentPurposeException.class)
                    .hasMessageContaining("bean 'tracker'")
                    .hasMessageContaining(MisspeltTracker.class.getName() + "#pageView")
                    .hasMessageContaining("purpose 'analytcs' is not declared by policy 'jackon'")
                    .hasMessageContaining("consent-based purposes: ");
            var analysis = new UnknownConsentPurposeFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("analytcs");
            assertThat(analysis.getAction()).contains("samtykke.policy");
        });
    }

    @Test
    void aMisspeltServiceStopsStartUpToo() {
        runner.withBean("pixelTracker", MisspeltServiceTracker.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(UnknownConsentPurposeException.class)
                    .hasMessageContaining("bean 'pixelTracker'")
                    .hasMessageContaining("service 'meta-pixle' is not declared by policy 'jackon'");
        });
    }

    @Test
    void everyProblemIsListedOnceIncludingClassesControllersAndLazyOrPrototypeBeans() {
        runner.withBean("a", MisspeltTracker.class)
                .withBean("b", MisspeltClass.class, MisspeltClass::new, bean -> bean.setLazyInit(true))
                .withBean("c", NoPurpose.class, NoPurpose::new, bean -> bean.setScope("prototype"))
                .withUserConfiguration(ControllerConfig.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    UnknownConsentPurposeException failure = (UnknownConsentPurposeException) context.getStartupFailure();
                    assertThat(failure.problems()).hasSize(4)
                            .anySatisfy(p -> assertThat(p).contains("'analytcs'"))
                            .anySatisfy(p -> assertThat(p).contains(MisspeltClass.class.getName()).contains("'marketting'"))
                            .anySatisfy(p -> assertThat(p).contains("bean 'c'").contains("names no purpose"))
                            .anySatisfy(p -> assertThat(p).contains("#collect").contains("'statistics'"));
                    assertThat(failure).hasMessageStartingWith("4 @RequiresConsent annotations name");
                });
    }

    public interface Tracking {
        void pageView();
    }

    public static class MisspeltBehindAnInterface implements Tracking {
        @Override
        @RequiresConsent("analytcs")
        public void pageView() {
        }
    }

    /** A singleton that is a JDK proxy is checked by the class behind it, not by the proxy class. */
    @Test
    void anExistingSingletonIsCheckedBehindItsProxy() {
        runner.withBean("proxied", Tracking.class, () -> {
            org.springframework.aop.framework.ProxyFactory factory =
                    new org.springframework.aop.framework.ProxyFactory(new MisspeltBehindAnInterface());
            factory.addInterface(Tracking.class);
            return (Tracking) factory.getProxy();
        }).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(UnknownConsentPurposeException.class)
                    .hasMessageContaining(MisspeltBehindAnInterface.class.getName() + "#pageView")
                    .hasMessageContaining("'analytcs'");
        });
    }

    @Test
    void aPurposeThatDoesNotRestOnConsentIsAWarningNotAFailure(CapturedOutput output) {
        runner.withBean(NotConsentBased.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("names purpose 'security', which does not rest on consent");
        });
    }

    @Test
    void theApplicationsOwnValidatorReplacesIt() {
        runner.withBean(MisspeltTracker.class)
                .withBean(dev.samtykke.spring.internal.RequiresConsentValidator.class,
                        () -> new dev.samtykke.spring.internal.RequiresConsentValidator(
                                new org.springframework.beans.factory.support.DefaultListableBeanFactory(), () -> null))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class ControllerConfig {
        @Bean
        @Lazy
        @Scope("singleton")
        MisspeltController misspeltController() {
            return new MisspeltController();
        }
    }
}
