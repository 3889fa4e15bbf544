package org.opportune.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code <root>/ab/cd/<sha256>}. A blob is written to a temporary file in its
 * final directory and then moved into place atomically, so a crash leaves either no file or the
 * whole file (plus at worst an orphan temporary file), never a half-written blob under its key.
 *
 * <p>With {@code durable} (the default), {@link #put} returns only when the content and its name are
 * on disk (the file and its directory are fsynced), so a row that refers to the blob, committed after
 * {@code put} returned, never outlives it in a power failure. A process crash alone needs no fsync
 * (the operating system keeps what was written); without {@code durable}, a power failure can lose a
 * blob whose row committed, and importing the same mail again writes it back (raw messages are stored
 * before deduplication).
 *
 * <p>An import's batch stores its blobs with {@link #putSyncingLater} and calls {@link #sync} once for all of
 * them before its transaction. On Linux that is one {@code syncfs} of the store's file system
 * ({@link FileSystemSync}), and the blobs are written without an fsync each; elsewhere each file is fsynced
 * as it is written and each distinct directory once in {@link #sync}. A power failure before the sync can
 * leave a blob's name with less than its content: {@link #put} writes a blob again unless the file under its
 * name has the full size, and no row refers to a blob whose batch had not synced.
 */
public class FileBlobStore implements BlobStore {

    private final Path root;
    private final boolean durable;

    public FileBlobStore(Path root) {
        this(root, true);
    }

    public FileBlobStore(Path root, boolean durable) {
        this.root = root;
        this.durable = durable;
    }

    @Override
    public String put(byte[] content) {
        return put(content, true);
    }

    @Override
    public String putSyncingLater(byte[] content) {
        return put(content, false);
    }

    @Override
    public void sync(Collection<String> keys) {
        if (!durable || keys.isEmpty()) {
            return;
        }
        try {
            if (FileSystemSync.available()) {
                FileSystemSync.sync(root);
                return;
            }
            var directories = new LinkedHashSet<Path>();
            for (var key : keys) {
                directories.add(path(key).getParent());
            }
            for (var directory : directories) {
                syncDirectory(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not sync the blob store", e);
        }
    }

    /** @param now whether the blob must be durable on return; otherwise {@link #sync} makes it durable */
    private String put(byte[] content, boolean now) {
        var key = Hashes.sha256(content);
        var target = path(key);
        try {
            if (isStored(target, content.length) && touch(target)) {
                return key;
            }
            var temp = target.resolveSibling(key + "." + TEMP_NAMES + "-" + TEMP_COUNTER.incrementAndGet() + ".tmp");
            var moved = false;
            try {
                try (var out = create(temp)) {
                    var buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    if (durable && (now || !FileSystemSync.available())) {
                        out.force(true);
                    }
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
            } finally {
                if (!moved) {
                    Files.deleteIfExists(temp);
                }
            }
            if (durable && now) {
                syncDirectory(target.getParent());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store blob " + key, e);
        }
    }

    /** Temporary names unique to this process, so that no two writers (threads or nodes) share one. */
    private static final String TEMP_NAMES = ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    /** One {@code stat}, and no exception for a blob that is not there (the usual case in an import). */
    private static boolean isStored(Path target, long size) {
        var file = target.toFile();
        var length = file.length();
        return length == size && (size > 0 || file.isFile());
    }

    /** A new file; its directory is created only when it is missing, which is once per directory. */
    private static FileChannel create(Path temp) throws IOException {
        try {
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(temp.getParent());
            return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    @Override
    public InputStream open(String key) {
        if (!BlobStore.isValidKey(key)) {
            throw BlobNotFoundException.forKey(key);
        }
        try {
            return Files.newInputStream(path(key));
        } catch (NoSuchFileException e) {
            throw BlobNotFoundException.forKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read blob " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return BlobStore.isValidKey(key) && Files.isRegularFile(path(key));
    }

    @Override
    public void forEachWrittenBefore(Instant cutoff, Consumer<String> action) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.find(root, 3, (path, attributes) -> attributes.isRegularFile()
                && attributes.lastModifiedTime().toInstant().isBefore(cutoff))) {
            files.map(path -> path.getFileName().toString()).filter(BlobStore::isValidKey).forEach(action);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the blob store", e);
        }
    }

    @Override
    public boolean deleteIfWrittenBefore(String key, Instant cutoff) {
        if (!BlobStore.isValidKey(key)) {
            return false;
        }
        var path = path(key);
        try {
            if (!Files.getLastModifiedTime(path).toInstant().isBefore(cutoff)) {
                return false;
            }
            return Files.deleteIfExists(path);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete blob " + key, e);
        }
    }

    /** Makes a new name in the directory durable (Linux: fsync of the directory). */
    private static void syncDirectory(Path directory) throws IOException {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the file itself is durable there already
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /** Marks an existing blob as written now; false when it vanished meanwhile (then it is written again). */
    private static boolean touch(Path target) throws IOException {
        try {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Path path(String key) {
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
