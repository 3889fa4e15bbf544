package org.opportune.web.live;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** One node (H2): messages go straight to this process's subscribers, after the commit when in a transaction. */
class LocalLiveBus extends AbstractLiveBus {

    @Override
    public void publish(String topic, String data) {
        var message = encode(topic, data);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(message);
                }
            });
        } else {
            deliver(message);
        }
    }
}
