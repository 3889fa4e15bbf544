package org.opportune.testing;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** Reads a server-sent event stream in tests. */
public final class ServerSentEvents {

    private ServerSentEvents() {
    }

    /**
     * Adds the data of every event the stream sends from now on to {@code heard}, read on a daemon thread of its own;
     * "closed: ..." when the stream ends with an error.
     */
    public static void collectData(InputStream body, Collection<String> heard) {
        var reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        heard.add(line.substring(5));
                    }
                }
            } catch (Exception e) {
                heard.add("closed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
    }
}
