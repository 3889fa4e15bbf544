package org.opportune.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
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

import org.jspecify.annotations.Nullable;

/**
 * Blobs as files under {@code <root>/ab/<sha256>}: one level of 256 directories, so a first import creates a
 * file per blob and almost never a directory (the earlier layout, {@code <root>/ab/cd/<sha256>}, made a new
 * directory for most blobs, and is moved to this one once, when the store opens; see {@link #FileBlobStore}).
 *
 * <p>A new blob is created under its key with {@code O_EXCL} and written there. A crash can leave a short file
 * under a key: {@link #put} writes a blob again unless the file under its name has the full size, and then it
 * writes a temporary file in the same directory and moves it into place atomically, so a reader never sees a
 * blob shrink. No row refers to a blob before its {@code put} returned (and, in a batch, before {@link #sync}).
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
 * leave a blob's name with less than its content, which {@link #put} treats like a crash's short file (above).
 */
public class FileBlobStore implements BlobStore {

    private final Path root;
    private final boolean durable;

    public FileBlobStore(Path root) {
        this(root, true);
    }

    /**
     * Opens the store, first moving blobs kept in the earlier two-level layout into the one-level one (each an
     * atomic rename, so a crash halfway is finished by the next start); a marker file says it is done.
     */
    public FileBlobStore(Path root, boolean durable) {
        this.root = root;
        this.durable = durable;
        try {
            LegacyLayout.migrate(root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move the blob store " + root + " to its one-level layout", e);
        }
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
            var created = createNew(target);
            if (created != null) {
                write(created, target, content, now);
            } else if (!(isStored(target, content.length) && touch(target))) {
                replace(target, key, content, now);
            }
            if (durable && now) {
                syncDirectory(target.getParent());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store blob " + key, e);
        }
    }

    /** Writes a file this put created; a failure removes it, so no short file is left under the key. */
    private void write(FileChannel out, Path file, byte[] content, boolean now) throws IOException {
        var written = false;
        try (out) {
            writeAll(out, content, now);
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Replaces a short file under the key (left by a crash, or being written right now by another put). */
    private void replace(Path target, String key, byte[] content, boolean now) throws IOException {
        var temp = target.resolveSibling(key + "." + TEMP_NAMES + "-" + TEMP_COUNTER.incrementAndGet() + ".tmp");
        var moved = false;
        try {
            try (var out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeAll(out, content, now);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void writeAll(FileChannel out, byte[] content, boolean now) throws IOException {
        var buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        if (durable && (now || !FileSystemSync.available())) {
            out.force(true);
        }
    }

    /** Temporary names unique to this process, so that no two writers (threads or nodes) share one. */
    private static final String TEMP_NAMES = ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    /** A file under the key's size: one {@code stat}, after the create found a file there. */
    private static boolean isStored(Path target, long size) {
        var file = target.toFile();
        var length = file.length();
        return length == size && (size > 0 || file.isFile());
    }

    /**
     * A new file under the key, or null when there is one already (the usual case when importing mail twice). Its
     * directory is created only when it is missing, which is once per directory.
     */
    private static @Nullable FileChannel createNew(Path file) throws IOException {
        try {
            try {
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                Files.createDirectories(file.getParent());
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            return null;
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
        try (Stream<Path> files = Files.find(root, 2, (path, attributes) -> attributes.isRegularFile()
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
        return root.resolve(key.substring(0, 2)).resolve(key);
    }
}
