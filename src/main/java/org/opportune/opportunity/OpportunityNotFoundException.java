package org.opportune.opportunity;

/** There is no opportunity (or stage) with that id. */
public class OpportunityNotFoundException extends RuntimeException {

    private OpportunityNotFoundException(String message) {
        super(message);
    }

    public static OpportunityNotFoundException forId(long id) {
        return new OpportunityNotFoundException("No opportunity with id " + id);
    }

    public static OpportunityNotFoundException forStage(String key) {
        return new OpportunityNotFoundException("No pipeline stage '" + key + "'");
    }
}
