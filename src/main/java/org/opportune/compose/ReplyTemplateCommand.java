package org.opportune.compose;

import org.jspecify.annotations.Nullable;

/** A new or edited reply template, as the admin typed it. An empty subject means "keep the reply's subject". */
public record ReplyTemplateCommand(String name, @Nullable String subject, String body) {
}
