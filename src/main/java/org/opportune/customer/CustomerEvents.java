package org.opportune.customer;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/** The facts the customer module publishes; changes of data are {@link Audited}. */
public final class CustomerEvents {

    private CustomerEvents() {
    }

    /** A contact was created, by mail (actor {@code system}) or by a person. */
    public record ContactCreated(Actor actor, long contactId, Map<String, Object> after) implements Audited {
        public String action() { return "contact.created"; }
        public String subjectType() { return "contact"; }
        public String subjectId() { return Long.toString(contactId); }
    }

    /** A company was created, by mail (actor {@code system}) or by a person. */
    public record CompanyCreated(Actor actor, long companyId, Map<String, Object> after) implements Audited {
        public String action() { return "company.created"; }
        public String subjectType() { return "company"; }
        public String subjectId() { return Long.toString(companyId); }
    }

    /** A person changed a contact: only the changed fields, before and after. */
    public record ContactUpdated(Actor actor, long contactId, Map<String, Object> before, Map<String, Object> after)
            implements Audited {
        public String action() { return "contact.updated"; }
        public String subjectType() { return "contact"; }
        public String subjectId() { return Long.toString(contactId); }
    }

    /** A person changed a company: only the changed fields, before and after. */
    public record CompanyUpdated(Actor actor, long companyId, Map<String, Object> before, Map<String, Object> after)
            implements Audited {
        public String action() { return "company.updated"; }
        public String subjectType() { return "company"; }
        public String subjectId() { return Long.toString(companyId); }
    }

    /**
     * Two contacts or two companies became one: everything of {@code mergedId} now belongs to
     * {@code survivorId}; the merged record is kept and redirects to the survivor. Modules that hold
     * customer ids move their references when they see this. Recorded on the survivor's timeline.
     */
    public record CustomersMerged(Actor actor, CustomerRef.Kind kind, long survivorId, long mergedId,
            Map<String, Object> before, Map<String, Object> after) implements Audited {
        public String action() { return kind.code() + ".merged"; }
        public String subjectType() { return kind.code(); }
        public String subjectId() { return Long.toString(survivorId); }
    }

    /** A conversation was linked to a contact (and its company) for the first time. */
    public record ConversationLinked(long conversationId, long contactId, @Nullable Long companyId) {
    }
}
