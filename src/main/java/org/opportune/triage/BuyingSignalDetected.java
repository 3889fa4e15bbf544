package org.opportune.triage;

/**
 * A new message was triaged as a buying signal: a candidate for an opportunity.
 *
 * @param explanation why, for a person ("buying signal: asks for a quote: 'send us a quote'")
 */
public record BuyingSignalDetected(long messageId, String explanation) {
}
