package org.opportune.opportunity;

/** The person may not do this to this opportunity (for example change someone else's deal); maps to 403. */
public class OpportunityAccessException extends RuntimeException {

    OpportunityAccessException(String message) {
        super(message);
    }
}
