/**
 * Triage: gives every stored message a category (buying signal, support, supplier, bulk, auto reply,
 * internal, other) with a confidence and an explanation a person can read, from header, own-domain and
 * phrase rules (data in {@code triage/default-rules.yml}, admin edits in {@code triage_rules}). Consumes
 * {@link org.opportune.mail.MessageReceived} and {@link org.opportune.mail.MessagesReceived} and asks the {@code customer} module what the sender is to us;
 * publishes {@link org.opportune.triage.BuyingSignalDetected}
 * and the audited {@link org.opportune.triage.TriageEvents.TriageOverridden}. Contributes the jar command
 * {@code triage [--own-domain DOMAIN]... FILE.eml...}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "mail", "customer", "conversation", "web"})
package org.opportune.triage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
