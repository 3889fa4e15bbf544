package org.opportune.web;

import jakarta.servlet.http.HttpServletRequest;

/** Small helpers for requests that HTMX sends. */
public final class Htmx {

    private Htmx() {
    }

    /** True when HTMX asked, so the controller answers with a fragment instead of the whole page. */
    public static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
