package org.opportune.mail;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits for incoming mail, prefix {@code opportune.mail}. A message over a limit is never dropped:
 * it is quarantined (size, header) or stored with what fits and the problem noted (nesting, parts).
 *
 * @param maxMessageSize  a larger raw message is quarantined
 * @param maxNestingDepth deeper MIME parts are not extracted (they stay in the raw message)
 * @param maxParts        parts after this many are not extracted (they stay in the raw message)
 * @param maxHeaderLength a longer single header field makes the message quarantined
 * @param maxHeaderCount  more header fields in one entity make the message quarantined
 * @param secretKey       base64 of the 256-bit key that encrypts mailbox passwords; empty: generated into the data directory
 * @param ownDomains      our own domains besides those of the mailbox addresses
 */
@ConfigurationProperties("opportune.mail")
public record MailProperties(
        @DefaultValue("50MB") DataSize maxMessageSize,
        @DefaultValue("50") int maxNestingDepth,
        @DefaultValue("1000") int maxParts,
        @DefaultValue("256KB") DataSize maxHeaderLength,
        @DefaultValue("5000") int maxHeaderCount,
        @DefaultValue("") String secretKey,
        @DefaultValue List<String> ownDomains) {

    @ConstructorBinding
    public MailProperties {
        ownDomains = List.copyOf(ownDomains);
    }

    /** Just the limits, as tests build them. */
    public MailProperties(DataSize maxMessageSize, int maxNestingDepth, int maxParts, DataSize maxHeaderLength,
            int maxHeaderCount) {
        this(maxMessageSize, maxNestingDepth, maxParts, maxHeaderLength, maxHeaderCount, "", List.of());
    }

    public static MailProperties defaults() {
        return new MailProperties(DataSize.ofMegabytes(50), 50, 1000, DataSize.ofKilobytes(256), 5000);
    }
}
