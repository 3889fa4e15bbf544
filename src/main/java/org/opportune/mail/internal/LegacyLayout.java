package org.opportune.mail.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a {@link FileBlobStore} from its first layout, {@code ab/cd/<key>}, to {@code ab/<key>}. Each blob is
 * renamed atomically (temporary files left by a crash are deleted), and the marker file is written last, so a
 * crash halfway leaves every blob under one of the two names and the next start finishes the move. With the
 * marker there, opening a store costs one {@code stat}.
 */
final class LegacyLayout {

    private static final Logger log = LoggerFactory.getLogger(LegacyLayout.class);

    static final String MARKER = "layout";
    static final String CURRENT = "one-level\n";

    private static final Pattern HEX2 = Pattern.compile("[0-9a-f]{2}");

    private LegacyLayout() {
    }

    static void migrate(Path root) throws IOException {
        var marker = root.resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(root);
        var moved = 0L;
        try (DirectoryStream<Path> first = Files.newDirectoryStream(root, LegacyLayout::isHexDirectory)) {
            for (var outer : first) {
                try (DirectoryStream<Path> second = Files.newDirectoryStream(outer, LegacyLayout::isHexDirectory)) {
                    for (var inner : second) {
                        moved += moveUp(inner, outer);
                        try {
                            Files.delete(inner);
                        } catch (DirectoryNotEmptyException e) {
                            log.warn("Left {}: it holds files that are not blobs", inner);
                        }
                    }
                }
            }
        }
        if (moved > 0) {
            log.info("Moved {} blobs in {} to the one-level layout", moved, root);
        }
        var temp = root.resolve(MARKER + ".tmp");
        Files.writeString(temp, CURRENT, StandardCharsets.US_ASCII);
        Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Moves the blobs of {@code inner} into {@code outer}. */
    private static long moveUp(Path inner, Path outer) throws IOException {
        var moved = 0L;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inner)) {
            for (var file : files) {
                var name = file.getFileName().toString();
                if (BlobStore.isValidKey(name) && Files.isRegularFile(file)) {
                    Files.move(file, outer.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    moved++;
                } else if (name.endsWith(".tmp")) {
                    Files.delete(file);
                }
            }
        }
        return moved;
    }

    private static boolean isHexDirectory(Path path) {
        return HEX2.matcher(path.getFileName().toString()).matches() && Files.isDirectory(path);
    }
}
