package org.opportune.task;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.opportune.identity.Permission;
import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TaskProperties.class)
class TaskConfig {

    @Bean
    BusinessCalendar businessCalendar(TaskProperties properties) {
        return new BusinessCalendar(properties.weekend(), properties.holidays());
    }

    @Bean
    FollowUps followUps(BusinessCalendar calendar, TaskProperties properties, Clock clock) {
        return new FollowUps(calendar, properties.zone(), clock);
    }

    @Bean
    NavEntry tasksNavEntry() {
        return new NavEntry(25, "Tasks", "/tasks", Permission.INBOX_VIEW.authority());
    }
}
