package org.opportune.inbox;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.opportune.identity.Permission;
import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
class InboxConfig {

    @Bean
    NavEntry inboxNavigation() {
        return new NavEntry(10, "Inbox", "/inbox", Permission.INBOX_VIEW.authority(), List.of("/conversations"));
    }
}
