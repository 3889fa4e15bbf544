package org.opportune.conversation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of threading, prefix {@code opportune.conversation}.
 *
 * @param subjectWindow how far a reply without usable reply headers may lie from a conversation's
 *                      messages and still join it by subject
 */
@ConfigurationProperties("opportune.conversation")
public record ConversationProperties(@DefaultValue("30d") Duration subjectWindow) {
}
