package org.opportune.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for full-stack tests: real HTTP against the running app, its own cookie jar
 * (so its own session), redirects not followed, and forms posted with the page's CSRF token.
 */
public final class Browser {

    /** What a browser asks for, so error pages come as HTML. */
    private static final String HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf = "";

    public Browser(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path) {
        var response = send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", HTML).GET().build());
        var matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    /** A GET whose body is read as it comes, such as a server-sent event stream; the caller closes it. */
    public HttpResponse<java.io.InputStream> stream(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET as HTMX sends it, so the server answers with just the fragment. */
    public HttpResponse<String> getHtmx(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET().build());
    }

    /** Posts a form with the CSRF token of the last page fetched (fetches {@code /login} first if there was none). */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, form, false);
    }

    /** Posts a form as HTMX does ({@code HX-Request: true}), so the controller answers with a fragment. */
    public HttpResponse<String> postHtmx(String path, Map<String, String> form) {
        return post(path, form, true);
    }

    private HttpResponse<String> post(String path, Map<String, String> form, boolean htmx) {
        if (csrf.isEmpty()) {
            get("/login");
        }
        var fields = new LinkedHashMap<>(form);
        fields.putIfAbsent("_csrf", csrf);
        var body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", HTML)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return send(request.build());
    }

    /** A file to upload: its name and type as a browser would send them. */
    public record Upload(String fileName, String contentType, byte[] content) {
    }

    /** Posts a multipart form (fields and files) with the CSRF token of the last page fetched. */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, Map<String, byte[]> files) {
        var uploads = new java.util.ArrayList<Upload>();
        files.forEach((name, content) -> uploads.add(new Upload(name, "application/octet-stream", content)));
        return postMultipart(path, fields, uploads);
    }

    /** Posts a multipart form with files of the given names and types, with the CSRF token of the last page fetched. */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, java.util.List<Upload> files) {
        var boundary = "----opportune" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        var all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", csrf);
        all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        files.forEach(file -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.fileName()
                    + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", HTML)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    /**
     * Sends JSON to the API ({@code GET} when {@code json} is null) with the CSRF token of the last page
     * fetched, as a script that signed in through the browser would.
     */
    public HttpResponse<String> json(String method, String path, @org.jspecify.annotations.Nullable String json) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        if (!csrf.isEmpty()) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request.build());
    }

    /** Signs in and returns the response to the sign-in POST. */
    public HttpResponse<String> signIn(String username, String password) {
        get("/login");
        return post("/login", Map.of("username", username, "password", password));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
