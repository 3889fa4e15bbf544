package org.opportune.web;

/** What the error page shows: the status and a message that tells a person what to do next. */
public record ErrorPage(int status, String heading, String message) {
}
