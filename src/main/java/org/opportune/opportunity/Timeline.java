package org.opportune.opportunity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Turns an activity entry's before/after JSON into readable lines: {@code Stage: qualified → proposal_sent}. */
final class Timeline {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> VALUE_FIELDS = Set.of("value");

    private Timeline() {
    }

    static List<String> changes(String beforeJson, String afterJson, boolean showValues) {
        var before = read(beforeJson);
        var after = read(afterJson);
        var keys = new LinkedHashSet<String>();
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        var lines = new ArrayList<String>();
        for (var key : keys) {
            if (!showValues && VALUE_FIELDS.contains(key)) {
                continue;
            }
            var from = text(before.get(key));
            var to = text(after.get(key));
            if (!before.containsKey(key)) {
                lines.add(key + ": " + to);
            } else if (!after.containsKey(key)) {
                lines.add(key + ": " + from + " → (removed)");
            } else {
                lines.add(key + ": " + from + " → " + to);
            }
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            var value = JSON.readValue(json, Map.class);
            return value == null ? Map.of() : (Map<String, Object>) value;
        } catch (JacksonException e) {
            return Map.of();
        }
    }

    private static String text(Object value) {
        return value == null || "".equals(value) ? "(empty)" : value.toString();
    }
}
