package org.opportune.compose;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The variables a reply template may use, written {@code {{contact.first_name}}}. Each has a value from
 * the conversation and what it becomes when that value is missing, so "Hello {{contact.first_name}},"
 * reads "Hello there," for a sender we know only by address. The admin page and the README list them.
 */
public enum TemplateVariable {
    CONTACT_NAME("contact.name", "the customer contact's full name", "there", values -> personal(values.contactName())),
    CONTACT_FIRST_NAME("contact.first_name", "the contact's first name", "there",
            values -> firstName(personal(values.contactName()))),
    COMPANY_NAME("company.name", "the contact's company", "your company", ReplyValues::companyName),
    OWNER_NAME("owner.name", "the conversation owner's name", "your name (when nobody owns it yet)",
            values -> values.ownerName() != null ? values.ownerName() : values.meName()),
    OWNER_FIRST_NAME("owner.first_name", "the owner's first name", "your first name",
            values -> firstName(values.ownerName() != null ? values.ownerName() : values.meName())),
    ME_NAME("me.name", "your display name", "—", ReplyValues::meName),
    ME_FIRST_NAME("me.first_name", "your first name", "—", values -> firstName(values.meName())),
    MAILBOX_NAME("mailbox.name", "the name of the mailbox the reply goes out from", "our team", ReplyValues::mailboxName),
    OPPORTUNITY_TITLE("opportunity.title", "the title of the linked opportunity", "your enquiry",
            ReplyValues::opportunityTitle);

    private final String key;
    private final String meaning;
    private final String fallback;
    private final Function<ReplyValues, @Nullable String> value;

    TemplateVariable(String key, String meaning, String fallback, Function<ReplyValues, @Nullable String> value) {
        this.key = key;
        this.meaning = meaning;
        this.fallback = fallback;
        this.value = value;
    }

    /** The name between the braces, such as {@code contact.first_name}. */
    public String key() {
        return key;
    }

    /** As written in a template: {@code {{contact.first_name}}}. */
    public String placeholder() {
        return "{{" + key + "}}";
    }

    public String meaning() {
        return meaning;
    }

    /** What a missing value becomes, for people reading the list. */
    public String fallback() {
        return fallback;
    }

    public static Optional<TemplateVariable> byKey(String key) {
        var wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.key.equals(wanted)).findFirst();
    }

    String valueFor(ReplyValues values) {
        var given = value.apply(values);
        if (given == null || given.isBlank()) {
            return switch (this) {
                case OWNER_NAME, OWNER_FIRST_NAME, ME_NAME, ME_FIRST_NAME -> "";
                default -> fallback;
            };
        }
        return given.strip();
    }

    /** A contact "name" that is an address (a sender who gave none) is no name to greet. */
    private static @Nullable String personal(@Nullable String name) {
        return name == null || name.contains("@") ? null : name;
    }

    private static @Nullable String firstName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        var strip = name.strip();
        // "Vogt, Lena" is written last name first
        if (strip.contains(",")) {
            var after = strip.substring(strip.indexOf(',') + 1).strip();
            if (!after.isEmpty()) {
                strip = after;
            }
        }
        return strip.split("\\s+")[0];
    }
}
