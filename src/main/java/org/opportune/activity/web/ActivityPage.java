package org.opportune.activity.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import org.opportune.activity.ActivityFilter;
import org.opportune.activity.ActivitySlice;

/**
 * What the activity page needs: the filter as typed, one page of entries, and the filter as a
 * query string for the paging and export links.
 */
public record ActivityPage(ActivityFilter filter, ActivitySlice slice, String query) {

    static String query(ActivityFilter filter) {
        var values = new LinkedHashMap<String, Object>();
        values.put("actor", filter.actor());
        values.put("action", filter.action());
        values.put("subjectType", filter.subjectType());
        values.put("subjectId", filter.subjectId());
        values.put("from", filter.from());
        values.put("to", filter.to());
        var query = new StringBuilder();
        values.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    public String value(Object value) {
        return value == null ? "" : value.toString();
    }

    public String pageLink(int pageNumber) {
        return "/admin/activity?" + (query.isEmpty() ? "" : query + "&") + "page=" + pageNumber;
    }

    public String exportLink() {
        return "/admin/activity/export" + (query.isEmpty() ? "" : "?" + query);
    }
}
