package org.opportune.task;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a task can be linked to: an opportunity, a conversation, a company or a contact, by id. The
 * ids belong to the modules that own those records; a task keeps only the number.
 */
public record TaskLink(Type type, long id) {

    public enum Type {
        OPPORTUNITY, CONVERSATION, COMPANY, CONTACT;

        /** Lower case, as the query parameters name it: {@code conversation}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for an unknown label */
        public static Type fromLabel(String label) {
            return Arrays.stream(values()).filter(t -> t.label().equals(label.strip().toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "Unknown link '" + label + "'; use opportunity, conversation, company or contact."));
        }
    }

    public TaskLink {
        if (id <= 0) {
            throw new IllegalArgumentException("A linked " + type.label() + " id must be positive");
        }
    }

    public static TaskLink opportunity(long id) {
        return new TaskLink(Type.OPPORTUNITY, id);
    }

    public static TaskLink conversation(long id) {
        return new TaskLink(Type.CONVERSATION, id);
    }

    public static TaskLink company(long id) {
        return new TaskLink(Type.COMPANY, id);
    }

    public static TaskLink contact(long id) {
        return new TaskLink(Type.CONTACT, id);
    }
}
