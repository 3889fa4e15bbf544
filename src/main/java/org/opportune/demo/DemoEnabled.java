package org.opportune.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The demo is on when the application was started with {@code --demo} (as {@code mvn spring-boot:run}
 * does) or with {@code opportune.demo.enabled=true}.
 */
class DemoEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (context.getEnvironment().getProperty("opportune.demo.enabled", Boolean.class, false)) {
            return true;
        }
        var beanFactory = context.getBeanFactory();
        if (beanFactory == null) {
            return false;
        }
        // SpringApplication registers the arguments before the configuration classes are read
        for (var name : beanFactory.getBeanNamesForType(ApplicationArguments.class, false, false)) {
            if (beanFactory.getBean(name, ApplicationArguments.class).containsOption("demo")) {
                return true;
            }
        }
        return false;
    }
}
