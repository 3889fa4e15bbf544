package org.opportune.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a directory are mail. Files with a mail extension always are; other files are
 * mail when their content starts like an mbox ({@code "From "}) or like a header ({@code "Name: "}),
 * so a corpus folder's expected-output XML or JSON is skipped (and reported) rather than imported.
 */
public final class MailFiles {

    private static final Set<String> MAIL_EXTENSIONS = Set.of("eml", "msg", "mbox", "mbx", "mail");
    private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]{1,76}:[ \\t]?");
    private static final int HEAD = 4096;

    private MailFiles() {
    }

    public static boolean isMail(Path file) throws IOException {
        var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        var dot = name.lastIndexOf('.');
        if (dot > 0 && MAIL_EXTENSIONS.contains(name.substring(dot + 1))) {
            return true;
        }
        try (var in = Files.newInputStream(file)) {
            return looksLikeMail(head(in));
        }
    }

    public static byte[] head(InputStream in) throws IOException {
        return in.readNBytes(HEAD);
    }

    static boolean looksLikeMail(byte[] head) {
        if (MboxReader.looksLikeMbox(head)) {
            return true;
        }
        var text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        return HEADER_LINE.matcher(text).find() && !text.startsWith("<");
    }
}
