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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Blobs as files under {@code <root>/ab/<sha256>}: one level of 256 directories, so a new blob makes a new file
 * and almost never a directory (the earlier layout, {@code <root>/ab/cd/<sha256>}, made a new directory for most
 * blobs, and is moved to this one once, when the store opens; see {@link #FileBlobStore}); and blobs of a batch
 * ({@link #putSyncingLater}) appended to pack files under {@code <root>/packs} ({@link BlobPacks}). A key is
 * looked for in both places.
 *
 * <p>A new blob file is created under its key with {@code O_EXCL} and written there. A crash can leave a short
 * file under a key: {@link #put} writes a blob again unless the file under its name has the full size, and then it
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
 * them before its transaction: they are appended to packs, one fsync a pack for the batch, instead of a file each
 * (on a 2-core machine, creating the files took a sixth of all the CPU an import used).
 */
public class FileBlobStore implements BlobStore {

    private final Path root;
    private final boolean durable;
    private final BlobPacks packs;

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
        this.packs = new BlobPacks(root, durable);
    }

    @Override
    public String put(byte[] content) {
        var key = Hashes.sha256(content);
        if (packs.touch(key)) {
            // in a pack, perhaps of a batch not synced yet: durable after this
            packs.sync();
            return key;
        }
        var target = path(key);
        try {
            var created = createNew(target);
            if (created != null) {
                write(created, target, content);
            } else if (!(isStored(target, content.length) && touch(target))) {
                replace(target, key, content);
            }
            if (durable) {
                syncDirectory(target.getParent());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store blob " + key, e);
        }
    }

    @Override
    public String putSyncingLater(byte[] content) {
        var key = Hashes.sha256(content);
        if (packs.touch(key)) {
            return key;
        }
        var target = path(key);
        try {
            var file = target.toFile();
            var length = file.length();
            if (length > 0 || file.exists()) {
                // a file of its own, which is looked at first: kept when whole, replaced when a crash left it short
                if (!(length == content.length && touch(target))) {
                    replace(target, key, content);
                }
            } else {
                packs.append(key, content);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store blob " + key, e);
        }
    }

    @Override
    public void sync(Collection<String> keys) {
        if (!keys.isEmpty()) {
            packs.sync();
        }
    }

    /** Writes a file this put created; a failure removes it, so no short file is left under the key. */
    private void write(FileChannel out, Path file, byte[] content) throws IOException {
        var written = false;
        try (out) {
            writeAll(out, content);
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Replaces a short file under the key (left by a crash, or being written right now by another put). */
    private void replace(Path target, String key, byte[] content) throws IOException {
        var temp = target.resolveSibling(key + "." + TEMP_NAMES + "-" + TEMP_COUNTER.incrementAndGet() + ".tmp");
        var moved = false;
        try {
            try (var out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeAll(out, content);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private void writeAll(FileChannel out, byte[] content) throws IOException {
        var buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        if (durable) {
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
            try {
                return Files.newInputStream(path(key));
            } catch (NoSuchFileException e) {
                var location = packs.find(key);
                if (location == null) {
                    throw BlobNotFoundException.forKey(key);
                }
                return packs.open(location);
            }
        } catch (NoSuchFileException e) {
            throw BlobNotFoundException.forKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read blob " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return BlobStore.isValidKey(key) && (Files.isRegularFile(path(key)) || packs.find(key) != null);
    }

    @Override
    public void forEachWrittenBefore(Instant cutoff, Consumer<String> action) {
        if (!Files.isDirectory(root)) {
            return;
        }
        packs.forEachWrittenBefore(cutoff, action);
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
        var inPack = packs.deleteIfWrittenBefore(key, cutoff);
        var path = path(key);
        try {
            if (!Files.getLastModifiedTime(path).toInstant().isBefore(cutoff)) {
                return inPack;
            }
            return Files.deleteIfExists(path) || inPack;
        } catch (NoSuchFileException e) {
            return inPack;
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
