package org.opportune.compose;

import org.jspecify.annotations.Nullable;

/** A template filled in for one conversation: what goes into the reply form. */
public record RenderedTemplate(long templateId, String name, @Nullable String subject, String body) {
}
