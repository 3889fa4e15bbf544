package org.opportune.triage;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

import org.opportune.mail.MessageReceived;
import org.opportune.mail.MessagesReceived;
import org.opportune.shared.BatchEvents;

/** Triages every new message once, alone or in an import's batch; a repeated event finds the stored triage and does nothing. */
@Component
class TriageListener {

    private final TriageService triage;

    TriageListener(TriageService triage) {
        this.triage = triage;
    }

    @ApplicationModuleListener
    void on(MessageReceived event) {
        triage.classifyStored(event.messageId());
    }

    /**
     * A batch of an import, in one transaction; after a crash the messages triaged already are skipped. The
     * registry finds this listener again by its name and parameter type, also for publications kept from
     * before an upgrade: keep them.
     */
    @Async(BatchEvents.EXECUTOR)
    @ApplicationModuleListener
    void on(MessagesReceived batch) {
        triage.classifyAllStored(batch.messageIds());
    }
}
