package org.opportune.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The demo company's mail as written in {@code demo/mail.yml}: who wrote what to which shared
 * address, how many days ago, and which earlier message it answers. {@link DemoMessages} turns it
 * into MIME messages.
 */
final class DemoMail {

    static final String RESOURCE = "demo/mail.yml";

    private static final Pattern SENT = Pattern.compile("(\\d+) days? ago (\\d{2}:\\d{2})");

    private final String company;
    private final String domain;
    private final List<String> mailboxes;
    private final List<Entry> entries;

    private DemoMail(String company, String domain, List<String> mailboxes, List<Entry> entries) {
        this.company = company;
        this.domain = domain;
        this.mailboxes = List.copyOf(mailboxes);
        this.entries = List.copyOf(entries);
    }

    static DemoMail load() {
        try (var in = DemoMail.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The demo mail " + RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static DemoMail parse(InputStream in) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        var company = (Map<String, Object>) root.get("company");
        var entries = ((List<Map<String, Object>>) root.get("messages")).stream().map(DemoMail::entry).toList();
        var mail = new DemoMail(text(company, "name"), text(company, "domain"), strings(company, "mailboxes"), entries);
        mail.check();
        return mail;
    }

    String company() {
        return company;
    }

    /** The demo company's mail domain, such as {@code harbourlane.example}. */
    String domain() {
        return domain;
    }

    /** The shared addresses that get a mailbox on the demo server. */
    List<String> mailboxes() {
        return mailboxes;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Every reply must answer an earlier message: a key in this file, or a Message-ID from before the demo. */
    private void check() {
        var keys = new HashSet<String>();
        for (var entry : entries) {
            if (entry.inReplyTo() != null && !entry.inReplyTo().startsWith("<") && !keys.contains(entry.inReplyTo())) {
                throw new IllegalStateException(
                        "Demo mail " + entry.key() + " answers " + entry.inReplyTo() + ", which is not an earlier message");
            }
            if (!keys.add(entry.key())) {
                throw new IllegalStateException("Demo mail " + entry.key() + " appears twice");
            }
        }
    }

    private static Entry entry(Map<String, Object> map) {
        var key = text(map, "key");
        var sent = SENT.matcher(text(map, "sent"));
        if (!sent.matches()) {
            throw new IllegalStateException("Demo mail " + key + ": write sent as 'N days ago HH:MM'");
        }
        return new Entry(key, Integer.parseInt(sent.group(1)), LocalTime.parse(sent.group(2)), text(map, "from"),
                strings(map, "to"), strings(map, "cc"), optional(map, "reply-to"), text(map, "subject"),
                optional(map, "in-reply-to"), headers(map), optional(map, "text"), optional(map, "html"),
                attachment(map), optional(map, "delivery-status"));
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Attachment attachment(Map<String, Object> map) {
        var attachment = (Map<String, Object>) map.get("attachment");
        return attachment == null ? null : new Attachment(text(attachment, "name"), text(attachment, "content"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(Map<String, Object> map) {
        var headers = new LinkedHashMap<String, String>();
        var raw = (Map<String, Object>) map.getOrDefault("headers", Map.of());
        raw.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        return headers;
    }

    private static String text(Map<String, Object> map, String key) {
        var value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("Demo mail: '" + key + "' is missing in " + map.keySet());
        }
        return String.valueOf(value);
    }

    private static @Nullable String optional(Map<String, Object> map, String key) {
        var value = map.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> strings(Map<String, Object> map, String key) {
        var value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /**
     * One message of the seed.
     *
     * @param inReplyTo the key of an earlier message in the file, or a literal {@code <Message-ID>} of a
     *                  message from before the demo's three weeks
     * @param deliveryStatus for a bounce: the machine-readable part of a {@code multipart/report}
     */
    record Entry(String key, int daysAgo, LocalTime time, String from, List<String> to, List<String> cc,
            @Nullable String replyTo, String subject, @Nullable String inReplyTo, Map<String, String> headers,
            @Nullable String text, @Nullable String html, @Nullable Attachment attachment,
            @Nullable String deliveryStatus) {
    }

    /** A file attached to a message: a {@code .pdf} is rendered from the text lines, other types are sent as text. */
    record Attachment(String name, String content) {
    }
}
