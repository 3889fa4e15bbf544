package org.opportune.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;

/**
 * A script calling the JSON API with a personal API token ({@code Authorization: Bearer ...}), or with
 * none: no cookies, no CSRF token, redirects not followed.
 */
public final class ApiClient {

    private final String base;
    private final @Nullable String token;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public ApiClient(int port, @Nullable String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient(port, null);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    /** Sends {@code json} as the body ({@code null}: no body). */
    public HttpResponse<String> send(String method, String path, @Nullable String json) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json, */*;q=0.1");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
