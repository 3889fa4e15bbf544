package org.opportune.mail;

import org.jspecify.annotations.Nullable;

/**
 * An attachment or inline part of a stored message; the name is sanitised (no directories or control characters).
 *
 * @param contentId the Content-ID without angle brackets, for {@code cid:} references in HTML
 */
public record AttachmentView(long id, long messageId, String fileName, String contentType, long size,
        @Nullable String contentId, boolean inline) {
}
