package org.opportune.compose;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A reply template as written, with its variables unfilled. */
public record ReplyTemplateView(long id, String name, @Nullable String subject, String body, String updatedBy,
        Instant updatedAt) {
}
