package org.opportune.identity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import org.opportune.shared.Actor;
import org.opportune.testing.ApiClient;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opportune.identity.Permission.*;

/**
 * Walks every route under {@code /api} for every role, each with a real personal API token, and for an
 * anonymous caller: a role that may call a route never gets 401 or 403, a role that may not gets 403, and
 * nobody gets in without signing in (401).
 *
 * <h2>Adding a route</h2>
 * The walk fails for every route that {@link RequestMappingHandlerMapping} has under {@code /api} but
 * {@link #ROUTES} does not list (and for every row of {@link #ROUTES} that no longer exists). When a
 * module adds an API route, add one row to {@link #ROUTES}:
 * <pre>{@code
 * route("POST", "/api/v1/opportunities/{id}/claim", INBOX_WORK),
 * }</pre>
 * with the HTTP method and the path pattern exactly as Spring maps them (path variables in braces, as in
 * the failure message, which prints the missing rows ready to paste) and the {@link Permission} its
 * {@code @PreAuthorize} requires, or {@link #SIGNED_IN} when any signed-in person may call it. The walk
 * calls each route with {@code 999999} for every path variable and {@code {}} as a JSON body, so a route
 * only has to answer 404 or 400 to such a call, never 401 or 403 to a role that is allowed. Every route
 * that changes something (not GET) must require a permission that the VIEWER role lacks, unless it
 * changes only the caller's own view state ({@link #OWN_STATE}).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiPermissionWalkIntegrationTests {

    /** Any signed-in person may call the route (no permission beyond being authenticated). */
    static final @Nullable Permission SIGNED_IN = null;

    /** Method + path pattern → the permission it needs. Keep sorted by path; see the class Javadoc. */
    static final List<Route> ROUTES = List.of(
            // the OpenAPI description (springdoc)
            route("GET", "/api/docs", SIGNED_IN),
            route("GET", "/api/docs.yaml", SIGNED_IN),
            route("GET", "/api/docs/swagger-config", SIGNED_IN),
            // mail
            route("GET", "/api/v1/mailboxes", ADMINISTER),
            route("POST", "/api/v1/mailboxes", ADMINISTER),
            route("GET", "/api/v1/mailboxes/{id}", ADMINISTER),
            route("PUT", "/api/v1/mailboxes/{id}", ADMINISTER),
            route("POST", "/api/v1/mailboxes/{id}/test", ADMINISTER),
            // reply templates (compose)
            route("GET", "/api/v1/reply-templates", INBOX_WORK),
            route("POST", "/api/v1/reply-templates", ADMINISTER),
            route("GET", "/api/v1/reply-templates/{id}", INBOX_WORK),
            route("PUT", "/api/v1/reply-templates/{id}", ADMINISTER),
            route("DELETE", "/api/v1/reply-templates/{id}", ADMINISTER),
            // triage
            route("GET", "/api/v1/messages/{id}/triage", INBOX_VIEW),
            // notifications: each person's own
            route("GET", "/api/v1/notifications", INBOX_VIEW),
            route("POST", "/api/v1/notifications/read-all", INBOX_VIEW),
            route("POST", "/api/v1/notifications/{id}/read", INBOX_VIEW),
            route("PUT", "/api/v1/messages/{id}/triage", INBOX_WORK),
            // customers, conversations, opportunities, pipeline, tasks
            route("GET", "/api/v1/companies", INBOX_VIEW),
            route("POST", "/api/v1/companies", INBOX_WORK),
            route("GET", "/api/v1/companies/{id}", INBOX_VIEW),
            route("GET", "/api/v1/companies/{id}/contacts", INBOX_VIEW),
            route("GET", "/api/v1/companies/{id}/conversations", INBOX_VIEW),
            route("POST", "/api/v1/companies/{id}/merge-into/{survivorId}", INBOX_WORK),
            route("GET", "/api/v1/contacts", INBOX_VIEW),
            route("POST", "/api/v1/contacts", INBOX_WORK),
            route("GET", "/api/v1/contacts/{id}", INBOX_VIEW),
            route("GET", "/api/v1/contacts/{id}/conversations", INBOX_VIEW),
            route("POST", "/api/v1/contacts/{id}/merge-into/{survivorId}", INBOX_WORK),
            route("GET", "/api/v1/conversations/{id}", INBOX_VIEW),
            route("POST", "/api/v1/conversations/{id}/archive", INBOX_WORK),
            route("POST", "/api/v1/conversations/{id}/assign", INBOX_WORK),
            route("POST", "/api/v1/conversations/{id}/claim", INBOX_WORK),
            route("POST", "/api/v1/conversations/{id}/release", INBOX_WORK),
            route("POST", "/api/v1/conversations/{id}/reopen", INBOX_WORK),
            route("GET", "/api/v1/opportunities", PIPELINE_VIEW),
            route("POST", "/api/v1/opportunities", INBOX_WORK),
            route("GET", "/api/v1/opportunities/{id}", PIPELINE_VIEW),
            route("PATCH", "/api/v1/opportunities/{id}", INBOX_WORK),
            route("POST", "/api/v1/opportunities/{id}/assign", INBOX_WORK),
            route("POST", "/api/v1/opportunities/{id}/claim", INBOX_WORK),
            route("POST", "/api/v1/opportunities/{id}/close", INBOX_WORK),
            route("GET", "/api/v1/opportunities/{id}/conversations", PIPELINE_VIEW),
            route("POST", "/api/v1/opportunities/{id}/conversations", INBOX_WORK),
            route("DELETE", "/api/v1/opportunities/{id}/conversations/{conversationId}", INBOX_WORK),
            route("GET", "/api/v1/opportunities/{id}/history", PIPELINE_VIEW),
            route("POST", "/api/v1/opportunities/{id}/reopen", INBOX_WORK),
            route("POST", "/api/v1/opportunities/{id}/stage", INBOX_WORK),
            route("GET", "/api/v1/opportunities/{id}/timeline", PIPELINE_VIEW),
            route("GET", "/api/v1/pipeline/stages", PIPELINE_VIEW),
            route("POST", "/api/v1/pipeline/stages", ADMINISTER),
            route("PATCH", "/api/v1/pipeline/stages/{key}", ADMINISTER),
            route("GET", "/api/v1/tasks", INBOX_VIEW),
            route("POST", "/api/v1/tasks", INBOX_WORK),
            route("GET", "/api/v1/tasks/{id}", INBOX_VIEW),
            route("PATCH", "/api/v1/tasks/{id}", INBOX_WORK),
            route("POST", "/api/v1/tasks/{id}/cancel", INBOX_WORK),
            route("POST", "/api/v1/tasks/{id}/complete", INBOX_WORK),
            route("POST", "/api/v1/tasks/{id}/reassign", INBOX_WORK),
            route("POST", "/api/v1/tasks/{id}/reopen", INBOX_WORK),
            route("POST", "/api/v1/tasks/{id}/reschedule", INBOX_WORK),
            route("PUT", "/api/v1/companies/{id}", INBOX_WORK),
            route("PUT", "/api/v1/contacts/{id}", INBOX_WORK));

    /**
     * Changes that touch only the caller's own view state (marking their own notifications read): open to
     * viewers too, who are @mentioned like anyone else. Nothing another person sees or relies on changes.
     */
    static final List<String> OWN_STATE = List.of("POST /api/v1/notifications/read-all",
            "POST /api/v1/notifications/{id}/read");

    /** Routes that are pages for a browser (Swagger UI), not API calls: signed-in people only, sign-in redirect otherwise. */
    static final List<Route> PAGES = List.of(route("GET", "/api/docs/ui", SIGNED_IN));

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    private final Map<Role, ApiClient> clients = new EnumMap<>(Role.class);

    @BeforeAll
    void oneTokenPerRole() {
        var run = UUID.randomUUID().toString().substring(0, 6);
        for (var role : Role.values()) {
            var user = identity.createUserWithPassword(Actor.system(), "walk-" + role.name().toLowerCase() + "-" + run,
                    "Walk " + role.label(), null, role, "correct horse battery", "test");
            var secret = tokens.create(UserAccount.of(user), "permission walk").secret();
            clients.put(role, new ApiClient(port, secret));
        }
    }

    @Test
    void theTableListsExactlyTheApiRoutesThatExist() {
        var mapped = mappedApiRoutes();
        var listed = new ArrayList<String>();
        ROUTES.forEach(route -> listed.add(route.key()));
        PAGES.forEach(route -> listed.add(route.key()));

        var missing = mapped.stream().filter(key -> !listed.contains(key))
                .map(key -> "route(\"" + key.replace(" ", "\", \"") + "\", PERMISSION),").toList();
        var stale = listed.stream().filter(key -> !mapped.contains(key)).toList();

        assertThat(missing).as("API routes missing from ApiPermissionWalkIntegrationTests.ROUTES (add them with the permission they need)")
                .isEmpty();
        assertThat(stale).as("rows of ROUTES that no longer exist").isEmpty();
    }

    @Test
    void everyRoleIsLetThroughOrRefusedAsTheTableSays() {
        var failures = new ArrayList<String>();
        for (var route : ROUTES) {
            for (var role : Role.values()) {
                var allowed = route.permission() == null || identity.permissionsOf(role).contains(route.permission());
                var status = call(clients.get(role), route).statusCode();
                if (allowed && (status == 401 || status == 403)) {
                    failures.add(role + " may call " + route.key() + " but got " + status);
                }
                if (!allowed && status != 403) {
                    failures.add(role + " may not call " + route.key() + " but got " + status);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void noRouteThatChangesSomethingIsOpenToViewers() {
        var viewer = identity.permissionsOf(Role.VIEWER);

        var changes = ROUTES.stream().filter(route -> !route.method().equals("GET"))
                .filter(route -> !OWN_STATE.contains(route.key())).toList();
        var open = changes.stream()
                .filter(route -> route.permission() == null || viewer.contains(route.permission()))
                .map(Route::key).toList();

        assertThat(open).isEmpty();
        for (var route : changes) {
            assertThat(call(clients.get(Role.VIEWER), route).statusCode()).as(route.key()).isEqualTo(403);
        }
    }

    @Test
    void anAnonymousCallerGets401AsAProblemAndNeverTheSignInPage() {
        var anonymous = ApiClient.anonymous(port);
        for (var route : ROUTES) {
            var response = call(anonymous, route);

            assertThat(response.statusCode()).as(route.key()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(route.key()).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(route.key()).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
        }
        for (var page : PAGES) {
            assertThat(call(anonymous, page).headers().firstValue("Location")).as(page.key())
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        }
    }

    private java.net.http.HttpResponse<String> call(ApiClient client, Route route) {
        var path = route.path().replaceAll("\\{[^}]+}", "999999");
        return client.send(route.method(), path, route.method().equals("GET") ? null : "{}");
    }

    private TreeSet<String> mappedApiRoutes() {
        var keys = new TreeSet<String>();
        handlerMapping.getHandlerMethods().keySet().forEach(info -> {
            var patterns = info.getPathPatternsCondition() == null ? java.util.Set.<String>of()
                    : info.getPathPatternsCondition().getPatternValues();
            var methods = info.getMethodsCondition().getMethods().isEmpty() ? java.util.Set.of(RequestMethod.GET)
                    : info.getMethodsCondition().getMethods();
            for (var pattern : patterns) {
                if (pattern.startsWith("/api/")) {
                    methods.forEach(method -> keys.add(method.name() + " " + pattern));
                }
            }
        });
        return keys;
    }

    static Route route(String method, String path, @Nullable Permission permission) {
        return new Route(method, path, permission);
    }

    record Route(String method, String path, @Nullable Permission permission) {

        Route {
            Objects.requireNonNull(method);
        }

        String key() {
            return method + " " + path;
        }
    }
}
