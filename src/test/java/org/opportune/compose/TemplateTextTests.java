package org.opportune.compose;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTextTests {

    @Test
    void fillsInEveryVariableFromTheConversation() {
        var text = "Hello {{contact.first_name}}, thanks from {{ me.first_name }} at {{mailbox.name}} about "
                + "{{opportunity.title}} for {{company.name}}. {{owner.name}} will call {{contact.name}}.";

        var rendered = TemplateText.render(text, values("Lena Vogt", "Northwind Trading", "Marco Rossi"));

        assertThat(rendered).isEqualTo("Hello Lena, thanks from Anna at Sales about 40 desks for Northwind Trading. "
                + "Marco Rossi will call Lena Vogt.");
    }

    @Test
    void missingValuesBecomeTheirStandIns() {
        var rendered = TemplateText.render("Hello {{contact.first_name}} at {{company.name}} about {{opportunity.title}}, "
                + "{{owner.first_name}}", new ReplyValues(null, null, null, "Anna Berg", "Sales", null));

        assertThat(rendered).isEqualTo("Hello there at your company about your enquiry, Anna");
    }

    @Test
    void aContactKnownOnlyByAddressIsGreetedAsThere() {
        assertThat(TemplateText.render("Hi {{contact.first_name}}", values("lena@northwind.example", null, null)))
                .isEqualTo("Hi there");
        assertThat(TemplateText.render("Hi {{contact.first_name}}", values("Vogt, Lena", null, null))).isEqualTo("Hi Lena");
    }

    @Test
    void refusesAnUnknownVariableByName() {
        var problems = TemplateText.problems("Hello {{contact.frist_name}} and {{customer}}");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("Unknown variables {{contact.frist_name}}, {{customer}}.")
                .contains("{{contact.first_name}}");
    }

    @Test
    void refusesBracesThatDoNotMakeAVariable() {
        assertThat(TemplateText.problems("Hello {{contact.first_name}")).containsExactly(
                "A variable is written {{name}}, with two braces on each side; check the braces.");
        assertThat(TemplateText.problems("Hello {{contact.first_name}}, {single} braces are text")).isEmpty();
    }

    @Test
    void aValueThatLooksLikeAVariableIsNotFilledInAgain() {
        var rendered = TemplateText.render("Hi {{contact.name}}", values("{{me.name}} $1", null, null));

        assertThat(rendered).isEqualTo("Hi {{me.name}} $1");
    }

    private static ReplyValues values(String contact, String company, String owner) {
        return new ReplyValues(contact, company, owner, "Anna Berg", "Sales", "40 desks");
    }
}
