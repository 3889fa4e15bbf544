package org.opportune.identity;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.shared.Actor;
import org.opportune.testing.ApiClient;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal API tokens end to end: created on the account page, used as Bearer tokens, revoked, and API errors as problems. */
@IntegrationTest
class ApiTokenIntegrationTests {

    private static final String PASSWORD = "correct horse battery";
    private static final java.util.regex.Pattern SECRET = java.util.regex.Pattern.compile("opp_[A-Za-z0-9_-]{43}");

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenCreatedOnTheAccountPageIsShownOnceStoredHashedAndActsAsItsOwnerWithoutASession() {
        var username = newUser(Role.ADMIN);
        var browser = signedIn(username);
        browser.get("/account");

        var created = browser.post("/account/tokens", Map.of("label", "CRM sync script"));
        var matcher = SECRET.matcher(created.body());
        assertThat(matcher.find()).as(created.body()).isTrue();
        var secret = matcher.group();
        var later = browser.get("/account");
        var api = new ApiClient(port, secret);
        var list = api.get("/api/v1/mailboxes");
        var change = api.send("POST", "/api/v1/mailboxes", "{}");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("shown only this once", "CRM sync script");
        assertThat(later.body()).contains("CRM sync script", secret.substring(0, 12) + "…").doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from api_tokens where token_hash = :hash").param("hash", ApiTokenService.hash(secret))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from api_tokens where token_hash = :secret or prefix = :secret")
                .param("secret", secret).query(Long.class).single()).as("the secret itself is never stored").isZero();
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().allValues("Set-Cookie")).as("no session for a token request").isEmpty();
        assertThat(change.statusCode()).as("no CSRF token needed with a bearer token: the rules answer").isEqualTo(400);
        assertThat(change.body()).contains("\"errors\"");
        assertThat(tokens.tokensOf(identity.findByUsername(username).orElseThrow().id()))
                .singleElement().satisfies(token -> assertThat(token.lastUsedAt()).isNotNull());
        assertThat(trail(username, "api_token.created")).isEqualTo(1);
    }

    @Test
    void aTokenHasItsOwnersPermissionsOnly() {
        var viewer = token(newUser(Role.VIEWER));
        var rep = token(newUser(Role.REP));

        assertThat(viewer.get("/api/v1/messages/999999/triage").statusCode()).isEqualTo(404);
        assertThat(viewer.send("PUT", "/api/v1/messages/999999/triage", "{\"category\": \"SUPPORT\"}").statusCode()).isEqualTo(403);
        assertThat(rep.send("PUT", "/api/v1/messages/999999/triage", "{\"category\": \"SUPPORT\"}").statusCode()).isEqualTo(404);
        var forbidden = rep.get("/api/v1/mailboxes");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(forbidden.body()).contains("\"status\":403", "Your role does not allow this");
    }

    @Test
    void anUnknownTokenGets401WithAProblemAndABearerChallenge() {
        var response = new ApiClient(port, "opp_" + "x".repeat(43)).get("/api/v1/mailboxes");
        var notOurs = new ApiClient(port, "something-else").get("/api/v1/mailboxes");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401", "unknown or revoked");
        assertThat(notOurs.statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenRevokedByItsOwnerStopsWorkingAtOnce() {
        var username = newUser(Role.REP);
        var browser = signedIn(username);
        var secret = tokens.create(account(username), "laptop").secret();
        var api = new ApiClient(port, secret);
        assertThat(api.get("/api/v1/messages/999999/triage").statusCode()).isEqualTo(404);
        var tokenId = tokens.tokensOf(account(username).userId()).get(0).id();
        browser.get("/account");

        var revoked = browser.post("/account/tokens/" + tokenId + "/revoke", Map.of());

        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/messages/999999/triage").statusCode()).isEqualTo(401);
        assertThat(browser.get("/account").body()).contains("Revoked", "laptop");
        assertThat(trail(username, "api_token.revoked")).isEqualTo(1);
    }

    @Test
    void anAdminRevokesSomeoneElsesTokenAndARepCannot() {
        var owner = newUser(Role.REP);
        var secret = tokens.create(account(owner), "phone").secret();
        var tokenId = tokens.tokensOf(account(owner).userId()).get(0).id();
        var otherRep = signedIn(newUser(Role.REP));
        otherRep.get("/account");
        var admin = signedIn(newUser(Role.ADMIN));
        var ownerId = account(owner).userId();

        otherRep.post("/account/tokens/" + tokenId + "/revoke", Map.of());
        var stillWorks = new ApiClient(port, secret).get("/api/v1/messages/999999/triage").statusCode();
        var adminPage = admin.get("/admin/users/" + ownerId + "/tokens");
        var revoked = admin.post("/admin/users/" + ownerId + "/tokens/" + tokenId + "/revoke", Map.of());

        assertThat(stillWorks).as("another rep cannot revoke it").isEqualTo(404);
        assertThat(adminPage.statusCode()).isEqualTo(200);
        assertThat(adminPage.body()).contains("phone", "Revoke");
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(new ApiClient(port, secret).get("/api/v1/messages/999999/triage").statusCode()).isEqualTo(401);
    }

    @Test
    void deactivatingAPersonStopsTheirTokensAtOnceAndReactivationDoesNotRevive() {
        var username = newUser(Role.MANAGER);
        var api = new ApiClient(port, tokens.create(account(username), "reports").secret());
        assertThat(api.get("/api/v1/messages/999999/triage").statusCode()).isEqualTo(404);
        var userId = account(username).userId();

        identity.deactivate(Actor.system(), userId);
        var afterDeactivation = api.get("/api/v1/messages/999999/triage").statusCode();
        identity.reactivate(Actor.system(), userId);

        assertThat(afterDeactivation).isEqualTo(401);
        assertThat(api.get("/api/v1/messages/999999/triage").statusCode()).isEqualTo(401);
        assertThat(tokens.tokensOf(userId)).allSatisfy(token -> assertThat(token.active()).isFalse());
    }

    @Test
    void theSessionWithItsCsrfTokenStillWorksAndAnonymousCallsGetAProblemNotTheSignInPage() {
        var browser = signedIn(newUser(Role.ADMIN));
        browser.get("/account");

        var list = browser.json("GET", "/api/v1/mailboxes", null);
        var invalid = browser.json("POST", "/api/v1/mailboxes", "{}");
        var anonymous = new Browser(port).json("GET", "/api/v1/mailboxes", null);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Location")).isEmpty();
        assertThat(anonymous.body()).contains("\"status\":401");
    }

    @Test
    void malformedRequestsGet400ProblemsWithTheFieldsInErrors() {
        var rep = token(newUser(Role.REP));

        var badJson = rep.send("PUT", "/api/v1/messages/999999/triage", "{not json");
        var missingCategory = rep.send("PUT", "/api/v1/messages/999999/triage", "{}");
        var unknownCategory = rep.send("PUT", "/api/v1/messages/999999/triage", "{\"category\": \"SPAM\"}");
        var badId = rep.get("/api/v1/messages/abc/triage");

        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("\"errors\"", "not valid JSON");
        assertThat(missingCategory.statusCode()).isEqualTo(400);
        assertThat(missingCategory.body()).contains("\"errors\":{\"category\":\"Choose a category");
        assertThat(unknownCategory.statusCode()).isEqualTo(400);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"errors\":{\"id\":", "'abc' is not a valid id");
        assertThat(badId.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void theOpenApiDescriptionListsTheApiWithTheBearerSchemeForSignedInPeopleOnly() {
        var api = token(newUser(Role.VIEWER));

        var docs = api.get("/api/docs");
        var yaml = api.get("/api/docs.yaml");
        var anonymous = ApiClient.anonymous(port).get("/api/docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"/api/v1/mailboxes\"", "\"/api/v1/messages/{id}/triage\"",
                "\"scheme\":\"bearer\"", "Connect a new mailbox", "Override a message's category").doesNotContain("\"/admin", "\"/account");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi:", "/api/v1/mailboxes:");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void swaggerUiLoadsUnderTheStrictContentSecurityPolicy() {
        var browser = signedIn(newUser(Role.REP));

        var ui = browser.get("/api/docs/ui");
        var location = ui.headers().firstValue("Location").orElseThrow();
        var index = browser.get(location.replaceFirst("^https?://[^/]+", ""));

        assertThat(ui.statusCode()).isEqualTo(302);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("swagger-ui-bundle.js").doesNotContainPattern("<script>[^<]");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
    }

    private ApiClient token(String username) {
        return new ApiClient(port, tokens.create(account(username), "test").secret());
    }

    private UserAccount account(String username) {
        return UserAccount.of(identity.findByUsername(username).orElseThrow());
    }

    private long trail(String username, String action) {
        var userId = identity.findByUsername(username).orElseThrow().id();
        return jdbc.sql("select count(*) from activity_entries where action = :action and subject_id = :id")
                .param("action", action).param("id", Long.toString(userId)).query(Long.class).single();
    }

    private Browser signedIn(String username) {
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        return browser;
    }

    private String newUser(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        return username;
    }
}
