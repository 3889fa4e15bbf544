package org.opportune.demo;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DemoEnabledTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Probe.class);

    @Test
    void isOnWithTheDemoArgument() {
        runner.withBean("springApplicationArguments", ApplicationArguments.class, () -> arguments("--demo"))
                .run(context -> assertThat(context).hasBean("probe"));
    }

    @Test
    void isOnWithTheProperty() {
        runner.withPropertyValues("opportune.demo.enabled=true")
                .run(context -> assertThat(context).hasBean("probe"));
    }

    @Test
    void isOffByDefaultAndWithOtherArguments() {
        runner.withBean("springApplicationArguments", ApplicationArguments.class, () -> arguments("--server.port=9000", "demo"))
                .run(context -> assertThat(context).doesNotHaveBean("probe"));
    }

    private static ApplicationArguments arguments(String... args) {
        return new DefaultApplicationArguments(args);
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(DemoEnabled.class)
    static class Probe {

        @Bean
        String probe() {
            return "on";
        }
    }
}
