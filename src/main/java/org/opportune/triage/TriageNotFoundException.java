package org.opportune.triage;

/** No triage is stored for that message (yet). */
public class TriageNotFoundException extends RuntimeException {

    private TriageNotFoundException(String message) {
        super(message);
    }

    public static TriageNotFoundException forMessage(long messageId) {
        return new TriageNotFoundException("No triage for message " + messageId);
    }
}
