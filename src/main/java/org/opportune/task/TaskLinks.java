package org.opportune.task;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The records a task is linked to; each is optional, and a task may have several. */
public record TaskLinks(@Nullable Long opportunityId, @Nullable Long conversationId, @Nullable Long companyId,
        @Nullable Long contactId) {

    public static TaskLinks none() {
        return new TaskLinks(null, null, null, null);
    }

    public static TaskLinks of(TaskLink link) {
        return switch (link.type()) {
            case OPPORTUNITY -> new TaskLinks(link.id(), null, null, null);
            case CONVERSATION -> new TaskLinks(null, link.id(), null, null);
            case COMPANY -> new TaskLinks(null, null, link.id(), null);
            case CONTACT -> new TaskLinks(null, null, null, link.id());
        };
    }

    public List<TaskLink> asList() {
        var links = new ArrayList<TaskLink>();
        if (opportunityId != null) {
            links.add(TaskLink.opportunity(opportunityId));
        }
        if (conversationId != null) {
            links.add(TaskLink.conversation(conversationId));
        }
        if (companyId != null) {
            links.add(TaskLink.company(companyId));
        }
        if (contactId != null) {
            links.add(TaskLink.contact(contactId));
        }
        return links;
    }

    /** True when the task is linked to nothing. (Not named {@code isEmpty}: the API would show it as a field.) */
    public boolean linkedToNothing() {
        return asList().isEmpty();
    }
}
