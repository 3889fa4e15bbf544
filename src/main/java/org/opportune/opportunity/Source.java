package org.opportune.opportunity;

import java.util.Arrays;
import java.util.Locale;

/** Where an opportunity came from; {@code detail} on the opportunity says more (the mailbox address, who referred). */
public enum Source {
    MAILBOX("Mailbox"), REFERRAL("Referral"), EXISTING_CUSTOMER("Existing customer"), WEBSITE("Website"), OTHER("Other");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Lower snake case, as stored and in the API: {@code existing_customer}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws OpportunityRuleException for an unknown source */
    public static Source parse(String text) {
        return Arrays.stream(values()).filter(s -> s.key().equals(text.strip().toLowerCase(Locale.ROOT).replace('-', '_')))
                .findFirst()
                .orElseThrow(() -> OpportunityRuleException.of("source",
                        "Choose where it came from: mailbox, referral, existing_customer, website or other."));
    }
}
