package org.opportune.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class IdentityIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void anonymousVisitorsAreSentToSignInAndTheSignInPageAnswers() {
        var browser = new Browser(port);

        var admin = browser.get("/admin/users");
        var login = browser.get("/login");

        assertThat(admin.statusCode()).isEqualTo(302);
        assertThat(admin.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Sign in to Opportune");
    }

    @Test
    void aRepGetsTheFriendlyForbiddenPageForAdminUsers() {
        var rep = signedIn(Role.REP);

        var page = rep.get("/admin/users");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("You don't have access to this page").doesNotContain("Exception");
    }

    @Test
    void noAdminRouteIsReachableByRepOrViewer() {
        var routes = adminRoutes();
        assertThat(routes).extracting(Route::path).contains("/admin/users", "/admin/users/{id}/deactivate");

        for (var role : List.of(Role.REP, Role.VIEWER)) {
            var browser = signedIn(role);
            browser.get("/account");
            assertThat(browser.post("/account/name", Map.of("displayName", "Still Me")).statusCode())
                    .as("the CSRF token works, so a 403 below is about the role").isEqualTo(302);
            for (var route : routes) {
                var path = route.path().replaceAll("\\{[^}]+}", "1");
                var status = route.method() == RequestMethod.GET
                        ? browser.get(path).statusCode()
                        : browser.post(path, Map.of("role", "ADMIN")).statusCode();
                assertThat(status).as(role + " " + route.method() + " " + path).isEqualTo(403);
            }
        }
    }

    @Test
    void deactivatingAUserRejectsTheirOpenSessionOnTheNextRequest() {
        var username = newUser(Role.REP);
        var rep = new Browser(port);
        rep.signIn(username, PASSWORD);
        assertThat(rep.get("/account").statusCode()).isEqualTo(200);
        var admin = signedIn(Role.ADMIN);
        var userId = identity.findByUsername(username).orElseThrow().id();
        admin.get("/admin/users");

        var deactivation = admin.post("/admin/users/" + userId + "/deactivate", Map.of());
        var nextRequest = rep.get("/account");
        var signInAgain = new Browser(port).signIn(username, PASSWORD);

        assertThat(deactivation.statusCode()).isEqualTo(302);
        assertThat(nextRequest.statusCode()).isEqualTo(302);
        assertThat(nextRequest.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(signInAgain.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?deactivated"));
        assertThat(identity.user(userId).active()).isFalse();
    }

    @Test
    void reactivatedUsersCanSignInAgain() {
        var username = newUser(Role.VIEWER);
        var userId = identity.findByUsername(username).orElseThrow().id();
        identity.deactivate(Actor.system(), userId);

        identity.reactivate(Actor.system(), userId);
        var signIn = new Browser(port).signIn(username, PASSWORD);

        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
    }

    @Test
    void changingARoleEndsTheSessionSoTheNewRoleAppliesAtOnce() {
        var username = newUser(Role.REP);
        var rep = new Browser(port);
        rep.signIn(username, PASSWORD);
        var userId = identity.findByUsername(username).orElseThrow().id();

        identity.changeRole(Actor.system(), userId, Role.MANAGER);

        assertThat(rep.get("/account").statusCode()).isEqualTo(302);
        assertThat(identity.user(userId).role()).isEqualTo(Role.MANAGER);
    }

    @Test
    void anInvitedPersonMustChooseTheirOwnPasswordBeforeAnythingElse() {
        var admin = signedIn(Role.ADMIN);
        admin.get("/admin/users/new");
        var username = "new-" + shortId();

        var created = admin.post("/admin/users", Map.of("username", username, "displayName", "Nina New",
                "email", "nina@example.com", "role", "REP"));
        var temporary = created.body().replaceAll("(?s).*id=\"temporary-password\">([^<]+)<.*", "$1");
        var nina = new Browser(port);
        var signIn = nina.signIn(username, temporary);
        var elsewhere = nina.get("/");
        nina.get("/account/password");
        var changed = nina.post("/account/password", Map.of("currentPassword", temporary,
                "newPassword", "a much better secret", "repeatPassword", "a much better secret"));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(temporary).matches("[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}");
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account/password"));
        assertThat(elsewhere.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account/password"));
        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account"));
        assertThat(nina.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void formErrorsAreShownNextToTheFieldAndNothingIsSaved() {
        var admin = signedIn(Role.ADMIN);
        admin.get("/admin/users/new");

        var response = admin.post("/admin/users", Map.of("username", "", "displayName", "No Name", "email", "not-an-email",
                "role", "REP"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("id=\"username-error\">Choose a username.")
                .contains("id=\"email-error\">Enter a valid email address")
                .contains("value=\"No Name\"");
    }

    @Test
    void theLastActiveAdminCannotBeDeactivatedOrDemoted() {
        var admin = signedIn(Role.ADMIN);
        var otherAdmins = identity.users().stream().filter(u -> u.role() == Role.ADMIN && u.active()).toList();
        for (var other : otherAdmins.subList(1, otherAdmins.size())) {
            identity.changeRole(Actor.system(), other.id(), Role.MANAGER);
        }
        var lastAdmin = otherAdmins.get(0);

        admin.get("/admin/users");
        var response = admin.post("/admin/users/" + lastAdmin.id() + "/deactivate", Map.of());

        assertThat(identity.user(lastAdmin.id()).active()).isTrue();
        assertThat(response.statusCode()).isIn(200, 403);
    }

    @Test
    void firstRunSetupIsRefusedOnceAnAccountExists() {
        newUser(Role.REP);
        var browser = new Browser(port);

        var setup = browser.get("/setup");
        var home = browser.get("/");

        assertThat(setup.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    private Browser signedIn(Role role) {
        var browser = new Browser(port);
        var response = browser.signIn(newUser(role), PASSWORD);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        return browser;
    }

    private String newUser(Role role) {
        var username = role.name().toLowerCase() + "-" + shortId();
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        return username;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private List<Route> adminRoutes() {
        var routes = new ArrayList<Route>();
        handlerMapping.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> path.startsWith("/admin"))
                .forEach(path -> {
                    var methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        routes.add(new Route(RequestMethod.GET, path));
                    }
                    methods.forEach(method -> routes.add(new Route(method, path)));
                }));
        routes.add(new Route(RequestMethod.GET, "/admin"));
        return routes;
    }

    private record Route(RequestMethod method, String path) {
    }
}
