package org.opportune.activity;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import org.opportune.shared.Audited;

/**
 * Writes every {@link Audited} event to the trail, synchronously and inside the publisher's
 * transaction, so a change and its entry commit together or not at all. Events published outside
 * a transaction (a failed sign-in in a security filter) get a transaction of their own.
 */
@Component
class ActivityRecorder {

    private final ActivityStore store;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    ActivityRecorder(ActivityStore store, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(Audited event) {
        var origin = origin();
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            store.append(event, clock.instant(), origin);
        } else {
            ownTransaction.executeWithoutResult(status -> store.append(event, clock.instant(), origin));
        }
    }

    /** The client's address when a web request caused the event, otherwise {@code system}. */
    private static String origin() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return "system";
    }
}
