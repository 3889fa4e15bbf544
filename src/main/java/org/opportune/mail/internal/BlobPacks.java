package org.opportune.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.io.input.BoundedInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Blobs appended to pack files under {@code <root>/packs}, for a batch that makes its blobs durable together
 * ({@link BlobStore#putSyncingLater}): creating a file per blob costs the kernel more than parsing the message
 * does (an inode, a directory entry, a partly zeroed block), and an import writes one blob or more per message.
 *
 * <p>A pack is written by one writer at a time, only ever appended to, and never by two processes: its name holds
 * the process and a counter. A record is a header (magic, state, time written, length, SHA-256) and the content.
 * {@link #sync} fsyncs the packs written since the last sync and then notes, in a {@code .len} file beside each,
 * the length that is durable; a record past that length (a crash or power failure cut or garbled it) counts only
 * when its content matches its key, checked when the pack is read at start.
 *
 * <p>Every live record's key is kept in memory (about 250 bytes a blob), read from the packs when the store
 * opens; a key not found is looked for again in packs other processes wrote since (two nodes sharing one data
 * directory). Deleting marks the record deleted in place; the space is kept (compacting packs is not done yet).
 */
final class BlobPacks {

    static final String DIRECTORY = "packs";
    private static final String SUFFIX = ".pack";
    private static final int MAGIC = 0x4f50424b; // "OPBK"
    private static final int LIVE = 1;
    private static final int DELETED = 2;
    /** magic, state, written at (epoch millis), content length, SHA-256 */
    static final int HEADER = 4 + 4 + 8 + 8 + 32;
    private static final int SCAN_WINDOW = 1 << 20;
    /** A pack is not appended to past this size; the next blob starts a new one. */
    private static final long MAX_PACK = 1L << 30;

    private static final String PROCESS = ProcessHandle.current().pid() + "-" + Long.toHexString(System.currentTimeMillis());
    private static final AtomicLong NAMES = new AtomicLong();

    /** Where a live blob is; its time written moves on when the same content is stored again. */
    static final class Location {
        final Path pack;
        final long offset;
        final long length;
        long writtenAt;
        boolean deleted;

        Location(Path pack, long offset, long length, long writtenAt) {
            this.pack = pack;
            this.offset = offset;
            this.length = length;
            this.writtenAt = writtenAt;
        }
    }

    /** A pack this process appends to. */
    private static final class Writer {
        final Path path;
        final FileChannel channel;
        /** Guarded by the writer. */
        long size;
        /** Guarded by {@link #syncing}: the length made durable, and noted in the {@code .len} file. */
        long durable;
        /** Held while the pack is fsynced, so that a sync that finds nothing new to do waits for one in progress. */
        final Object syncing = new Object();

        Writer(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }
    }

    private final Path directory;
    private final boolean durable;
    private final Map<String, Location> locations = new ConcurrentHashMap<>();
    /** How far each pack was read (the packs of other processes grow while this one runs). */
    private final Map<Path, Long> scanned = new HashMap<>();
    private final ConcurrentLinkedDeque<Writer> idle = new ConcurrentLinkedDeque<>();
    private final List<Writer> writers = new ArrayList<>();

    BlobPacks(Path root, boolean durable) {
        this.directory = root.resolve(DIRECTORY);
        this.durable = durable;
        refresh();
    }

    /** The blob's place, or null; looks into packs written by others meanwhile when it is not known. */
    @Nullable Location find(String key) {
        var location = locations.get(key);
        if (location == null && refresh()) {
            location = locations.get(key);
        }
        return location;
    }

    /** Stores the content again under its key unless it is there; true when it was (then it counts as written now). */
    boolean touch(String key) {
        var location = locations.get(key);
        if (location == null) {
            return false;
        }
        synchronized (location) {
            if (location.deleted) {
                return false;
            }
            location.writtenAt = System.currentTimeMillis();
            return true;
        }
    }

    /** Appends the blob to a pack; it is durable after the next {@link #sync}. */
    void append(String key, byte[] content) {
        var writer = idle.pollFirst();
        var appended = false;
        try {
            if (writer == null || writer.size > 0 && writer.size + HEADER + content.length > MAX_PACK) {
                writer = newWriter();
            }
            var now = System.currentTimeMillis();
            var header = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(LIVE).putLong(now).putLong(content.length)
                    .put(HexFormat.of().parseHex(key)).flip();
            var body = ByteBuffer.wrap(content);
            var offset = writer.size;
            var buffers = new ByteBuffer[] {header, body};
            while (header.hasRemaining() || body.hasRemaining()) {
                writer.channel.write(buffers);
            }
            synchronized (writer) {
                writer.size = offset + HEADER + content.length;
            }
            locations.put(key, new Location(writer.path, offset, content.length, now));
            appended = true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not append blob " + key + " to a pack", e);
        } finally {
            // a pack whose last write failed holds a part of a record: no record goes after it
            if (appended) {
                idle.addFirst(writer);
            }
        }
    }

    /**
     * Makes everything appended so far durable: an fsync of each pack written to, then its durable length noted.
     * Without {@code durable} nothing is noted either, so that every record is checked against its key when a
     * store opens: a power failure can then garble what was written, and importing the mail again repairs it.
     */
    void sync() {
        List<Writer> all;
        synchronized (writers) {
            all = List.copyOf(writers);
        }
        try {
            for (var writer : all) {
                synchronized (writer.syncing) {
                    long size;
                    synchronized (writer) {
                        size = writer.size;
                    }
                    if (size <= writer.durable) {
                        continue;
                    }
                    if (durable) {
                        writer.channel.force(false);
                        noteDurable(writer.path, size);
                    }
                    writer.durable = size;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not sync the blob packs", e);
        }
    }

    InputStream open(Location location) throws IOException {
        var channel = FileChannel.open(location.pack, StandardOpenOption.READ);
        try {
            var header = ByteBuffer.allocate(8);
            while (header.hasRemaining() && channel.read(header, location.offset + header.position()) >= 0) {
                // reads the magic and the state
            }
            if (header.flip().remaining() < 8 || header.getInt() != MAGIC || header.getInt() != LIVE) {
                throw new NoSuchFileException(location.pack + "@" + location.offset);
            }
            channel.position(location.offset + HEADER);
            return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel))
                    .setMaxCount(location.length).get();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Every live blob, those other processes appended meanwhile included, last written before the cutoff. */
    void forEachWrittenBefore(Instant cutoff, Consumer<String> action) {
        refresh();
        var millis = cutoff.toEpochMilli();
        locations.forEach((key, location) -> {
            if (location.writtenAt < millis) {
                action.accept(key);
            }
        });
    }

    /**
     * Marks the blob deleted in its pack if it was last written before the cutoff; false when it is not in a pack.
     * Only packs read already are looked in (the collector deletes what {@link #forEachWrittenBefore} listed), so
     * that deleting a thousand blob files does not read the packs directory a thousand times.
     */
    boolean deleteIfWrittenBefore(String key, Instant cutoff) {
        var location = locations.get(key);
        if (location == null) {
            return false;
        }
        synchronized (location) {
            if (location.deleted || location.writtenAt >= cutoff.toEpochMilli()) {
                return false;
            }
            try (var channel = FileChannel.open(location.pack, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.allocate(4).putInt(DELETED).flip(), location.offset + 4);
                if (durable) {
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete blob " + key + " from its pack", e);
            }
            location.deleted = true;
            locations.remove(key, location);
            return true;
        }
    }

    private Writer newWriter() throws IOException {
        Files.createDirectories(directory);
        var path = directory.resolve(PROCESS + "-" + NAMES.incrementAndGet() + SUFFIX);
        var writer = new Writer(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        synchronized (this) {
            scanned.put(path, Long.MAX_VALUE);
        }
        synchronized (writers) {
            writers.add(writer);
        }
        return writer;
    }

    /** The length up to which a pack is durable, as two longs (the second the first's complement) in place. */
    private static void noteDurable(Path pack, long size) throws IOException {
        try (var out = FileChannel.open(lengthFile(pack), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.allocate(16).putLong(size).putLong(~size).flip(), 0);
        }
    }

    private static long durableLength(Path pack) {
        try {
            var bytes = ByteBuffer.wrap(Files.readAllBytes(lengthFile(pack)));
            if (bytes.remaining() >= 16) {
                var size = bytes.getLong();
                return bytes.getLong() == ~size ? size : 0;
            }
        } catch (IOException e) {
            // none yet: every record is checked against its key
        }
        return 0;
    }

    private static Path lengthFile(Path pack) {
        return pack.resolveSibling(pack.getFileName() + ".len");
    }

    /** Reads the records of packs not read before, or grown since; true when it found any. */
    private synchronized boolean refresh() {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        var found = false;
        try (DirectoryStream<Path> packs = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (var pack : packs) {
                var from = scanned.getOrDefault(pack, 0L);
                if (from != Long.MAX_VALUE && Files.size(pack) > from) {
                    found |= scan(pack, from);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the blob packs in " + directory, e);
        }
        return found;
    }

    private boolean scan(Path pack, long from) throws IOException {
        var durableLength = durableLength(pack);
        var found = false;
        var position = from;
        try (var channel = FileChannel.open(pack, StandardOpenOption.READ)) {
            var size = channel.size();
            // read in large chunks, not a read a record: a pack holds thousands of small ones
            var window = ByteBuffer.allocate(SCAN_WINDOW).flip();
            var windowStart = position;
            var hash = new byte[32];
            while (position + HEADER <= size) {
                if (position < windowStart || position + HEADER > windowStart + window.limit()) {
                    windowStart = position;
                    window.clear();
                    while (window.hasRemaining() && channel.read(window, windowStart + window.position()) > 0) {
                        // fills the window, or up to the end of the pack
                    }
                    window.flip();
                    if (window.limit() < HEADER) {
                        break;
                    }
                }
                var header = window.position((int) (position - windowStart));
                var magic = header.getInt();
                var state = header.getInt();
                var writtenAt = header.getLong();
                var length = header.getLong();
                header.get(hash);
                var end = position + HEADER + length;
                if (magic != MAGIC || length < 0 || end > size) {
                    break;
                }
                // past the durable length a record whose content does not match its key is skipped: its header is
                // whole (the magic and a length within the pack), so the next record starts after it
                var intact = end <= durableLength || matches(channel, position + HEADER, length, hash);
                if (state == LIVE && intact) {
                    locations.putIfAbsent(HexFormat.of().formatHex(hash), new Location(pack, position, length, writtenAt));
                    found = true;
                }
                position = end;
            }
        }
        scanned.put(pack, position);
        return found;
    }

    private static boolean matches(FileChannel channel, long offset, long length, byte[] hash) throws IOException {
        var digest = Hashes.digest();
        var buffer = ByteBuffer.allocate(1 << 16);
        var position = offset;
        while (position < offset + length) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), offset + length - position));
            var read = channel.read(buffer, position);
            if (read <= 0) {
                return false;
            }
            digest.update(buffer.flip());
            position += read;
        }
        return MessageDigest.isEqual(digest.digest(), hash);
    }
}
