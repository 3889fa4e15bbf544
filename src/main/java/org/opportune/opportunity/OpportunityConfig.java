package org.opportune.opportunity;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.opportune.identity.Permission;
import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OpportunityProperties.class, BoardProperties.class})
class OpportunityConfig {

    @Bean
    NavEntry pipelineNavEntry() {
        return new NavEntry(20, "Pipeline", "/pipeline", Permission.PIPELINE_VIEW.authority(), List.of("/opportunities"));
    }
}
