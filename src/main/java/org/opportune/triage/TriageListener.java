package org.opportune.triage;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.opportune.mail.MessageReceived;

/** Triages every new message once; a repeated event finds the stored triage and does nothing. */
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
}
