package org.opportune.opportunity;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;

/** Small fixtures for the opportunity integration tests: people of each role, signed-in browsers, JSON. */
final class OpportunityApi {

    static final String PASSWORD = "correct horse battery";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private OpportunityApi() {
    }

    static UserView user(IdentityService identity, Role role) {
        var name = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return identity.createUserWithPassword(Actor.system(), name, "Test " + name, null, role, PASSWORD, "test");
    }

    static Browser signedIn(int port, UserView user) {
        var browser = new Browser(port);
        browser.signIn(user.username(), PASSWORD);
        browser.get("/opportunities");
        return browser;
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String due(int days) {
        return LocalDate.now(ZoneId.systemDefault()).plusDays(days).toString();
    }

    static String newOpportunity(String title, String extra) {
        return """
                {"title": "%s", "description": "Standing desks for the new office", "value": 12500.00, "currency": "EUR",
                 "source": "mailbox", "sourceDetail": "sales@brightline.example",
                 "nextAction": "Send quote for 12 standing desks", "nextActionDue": "%s"%s}
                """.formatted(title, due(2), extra.isEmpty() ? "" : ", " + extra);
    }
}
