package org.opportune.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import org.opportune.shared.BatchEvents;
import org.opportune.shared.ImportWindow;

/**
 * The executor of the listeners of an import's batch events ({@code MessagesReceived} and what follows
 * from it: threading, triage, customer linking of a batch). An import publishes hundreds of them in a
 * row; on the shared executor ({@code applicationTaskExecutor}) they would hold every thread while a
 * message that just arrived over IMAP waits behind them. Here they get a few threads of their own (half
 * the cores by default, at least one: {@code opportune.batch-events.threads}), so that the import itself keeps
 * the other half, and wait in an unbounded queue (the events
 * are in the registry anyway, so a queue lost in a crash is published again on restart). Its threads run at a
 * lower CPU priority ({@code opportune.batch-events.nice}, 10; 0 keeps the normal one, see
 * {@link BackgroundPriority}): catching up after an import gives way to pages, live mail and the import. And a
 * task waits while an import runs in this process ({@link ImportWindow}, at most
 * {@code opportune.import.defer-follow-up}, 15 minutes by default, after the import began; 0 turns it off): the
 * import gets both cores, and its batches are threaded, triaged and linked right after it.
 * Listeners choose it with {@code @Async(BatchEvents.EXECUTOR)} beside their
 * {@code @ApplicationModuleListener}. Defining it makes {@code spring.task.execution.mode: force}
 * necessary, so that Spring Boot still creates the shared executor.
 */
@Configuration(proxyBeanMethods = false)
class BatchEventsConfig {

    private static final Logger log = LoggerFactory.getLogger(BatchEventsConfig.class);

    @Bean
    ImportWindow importWindow(@Value("${opportune.import.defer-follow-up:15m}") Duration limit) {
        return new ImportWindow(limit);
    }

    @Bean(BatchEvents.EXECUTOR)
    ThreadPoolTaskExecutor batchEventsExecutor(@Value("${opportune.batch-events.threads:0}") int threads,
            @Value("${opportune.batch-events.nice:10}") int nice, ImportWindow imports) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setTaskDecorator(task -> () -> {
            BackgroundPriority.lowerCurrentThread(nice);
            try {
                imports.awaitClosed();
            } catch (InterruptedException e) {
                log.debug("Interrupted while an import runs; handling the batch event now");
                Thread.currentThread().interrupt();
            }
            task.run();
        });
        var size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        executor.setCorePoolSize(size);
        executor.setMaxPoolSize(size);
        executor.setThreadNamePrefix("batch-events-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }
}
