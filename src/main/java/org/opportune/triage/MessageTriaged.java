package org.opportune.triage;

/**
 * A message got its category: from the classifier when it arrived, or from a person's override. Lists
 * that show or filter by category (the inbox) keep theirs from this.
 */
public record MessageTriaged(long messageId, Category category) {
}
