package org.opportune.mail.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An import's blobs in packs ({@link BlobPacks}) through {@link FileBlobStore}: written, read after a restart, cut by a crash. */
class BlobPacksTests {

    @TempDir
    Path root;

    @Test
    void aBatchsBlobsGoIntoAPackNotAFileEachAndReadBackAfterARestart() throws IOException {
        var store = new FileBlobStore(root);
        var contents = List.of(bytes("first message"), new byte[0], bytes("third message"), new byte[] {0, (byte) 0xff, '\r', '\n'});

        var keys = contents.stream().map(store::putSyncingLater).toList();
        store.sync(keys);

        assertThat(looseFiles()).isEmpty();
        assertThat(packs()).hasSize(1);
        var restarted = new FileBlobStore(root);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(keys.get(i)).isEqualTo(Hashes.sha256(contents.get(i)));
            assertThat(restarted.exists(keys.get(i))).isTrue();
            try (var in = restarted.open(keys.get(i))) {
                assertThat(in.readAllBytes()).isEqualTo(contents.get(i));
            }
        }
    }

    @Test
    void packsOfLargeAndSmallBlobsAreReadBackWholeAfterARestart() throws IOException {
        // the store reads a pack's headers a megabyte at a time: records cross that window and are larger than it
        var store = new FileBlobStore(root);
        var random = new java.util.Random(7);
        var contents = new ArrayList<byte[]>();
        for (int i = 0; i < 40; i++) {
            var content = new byte[i % 5 == 0 ? 700_000 + random.nextInt(2_000_000) : random.nextInt(40_000)];
            random.nextBytes(content);
            contents.add(content);
        }

        store.sync(contents.stream().map(store::putSyncingLater).toList());

        var restarted = new FileBlobStore(root);
        for (var content : contents) {
            try (var in = restarted.open(Hashes.sha256(content))) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    @Test
    void contentStoredBeforeIsNotAppendedAgainWhetherInAPackOrAFile() throws IOException {
        var store = new FileBlobStore(root);
        var loose = store.put(bytes("arrived alone over IMAP"));
        var packed = store.putSyncingLater(bytes("imported"));
        store.sync(List.of(packed));
        var size = Files.size(packs().get(0));

        store.sync(List.of(store.putSyncingLater(bytes("imported")), store.putSyncingLater(bytes("arrived alone over IMAP"))));
        new FileBlobStore(root).sync(List.of(new FileBlobStore(root).putSyncingLater(bytes("imported"))));

        assertThat(Files.size(packs().get(0))).isEqualTo(size);
        assertThat(packs()).hasSize(1);
        assertThat(looseFiles()).containsExactly(loose);
    }

    @Test
    void aRecordCutShortByACrashIsNotFoundAndIsWrittenAgainByTheNextImport() throws IOException {
        var store = new FileBlobStore(root);
        var kept = store.putSyncingLater(bytes("stored before the crash"));
        var cut = store.putSyncingLater(bytes("being written when the process was killed"));
        store.sync(List.of(kept, cut));
        var pack = packs().get(0);
        try (var channel = FileChannel.open(pack, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(pack) - 5);
        }

        var restarted = new FileBlobStore(root);

        assertThat(restarted.exists(kept)).isTrue();
        assertThat(restarted.exists(cut)).isFalse();
        assertThatThrownBy(() -> restarted.open(cut)).isInstanceOf(BlobNotFoundException.class);
        restarted.sync(List.of(restarted.putSyncingLater(bytes("being written when the process was killed"))));
        try (var in = new FileBlobStore(root).open(cut)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("being written when the process was killed");
        }
    }

    @Test
    void aShortFileLeftByACrashUnderTheKeyIsRepairedNotHiddenBehindAPackedCopy() throws IOException {
        var content = bytes("arrived alone, then the process was killed while writing it");
        var key = Hashes.sha256(content);
        Files.createDirectories(root.resolve(key.substring(0, 2)));
        Files.write(root.resolve(key.substring(0, 2)).resolve(key), bytes("arrived alone"));
        var store = new FileBlobStore(root);

        store.sync(List.of(store.putSyncingLater(content)));

        try (var in = new FileBlobStore(root).open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aRecordPastTheSyncedLengthCountsOnlyWhenItsContentMatchesItsKey() throws IOException {
        var store = new FileBlobStore(root);
        var synced = store.putSyncingLater(bytes("synced"));
        store.sync(List.of(synced));
        var intact = store.putSyncingLater(bytes("written, not synced, intact"));
        var garbled = store.putSyncingLater(bytes("written, not synced, lost by a power failure"));
        var pack = packs().get(0);
        try (var channel = FileChannel.open(pack, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0}), Files.size(pack) - 3);
        }

        var restarted = new FileBlobStore(root);

        assertThat(restarted.exists(synced)).isTrue();
        assertThat(restarted.exists(intact)).isTrue();
        assertThat(restarted.exists(garbled)).isFalse();
    }

    @Test
    void withoutFsyncEveryRecordIsCheckedAndAGarbledOneIsSkippedNotServed() throws IOException {
        var store = new FileBlobStore(root, false);
        var garbled = store.putSyncingLater(bytes("garbled by a power failure, since nothing was fsynced"));
        var intact = store.putSyncingLater(bytes("written after it, intact"));
        store.sync(List.of(garbled, intact));
        var pack = packs().get(0);
        try (var channel = FileChannel.open(pack, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes("GARBLED")), BlobPacks.HEADER + 3);
        }

        var restarted = new FileBlobStore(root, false);

        assertThat(restarted.exists(garbled)).isFalse();
        assertThat(restarted.exists(intact)).isTrue();
        restarted.sync(List.of(restarted.putSyncingLater(bytes("garbled by a power failure, since nothing was fsynced"))));
        try (var in = new FileBlobStore(root, false).open(garbled)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).startsWith("garbled by a power failure");
        }
    }

    @Test
    void aPackedBlobIsDeletedOnlyWhenWrittenBeforeTheCutoffAndStaysDeletedAfterARestart() throws IOException {
        var store = new FileBlobStore(root);
        var orphan = store.putSyncingLater(bytes("an orphan"));
        var other = store.putSyncingLater(bytes("referenced"));
        store.sync(List.of(orphan, other));
        var listed = new ArrayList<String>();
        store.forEachWrittenBefore(Instant.now().plus(Duration.ofHours(1)), listed::add);

        var tooYoung = store.deleteIfWrittenBefore(orphan, Instant.now().minus(Duration.ofHours(1)));
        var deleted = store.deleteIfWrittenBefore(orphan, Instant.now().plus(Duration.ofHours(1)));

        assertThat(listed).containsExactlyInAnyOrder(orphan, other);
        assertThat(tooYoung).isFalse();
        assertThat(deleted).isTrue();
        assertThat(store.exists(orphan)).isFalse();
        var restarted = new FileBlobStore(root);
        assertThat(restarted.exists(orphan)).isFalse();
        assertThat(restarted.exists(other)).isTrue();
        restarted.sync(List.of(restarted.putSyncingLater(bytes("an orphan"))));
        try (var in = restarted.open(orphan)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("an orphan");
        }
    }

    @Test
    void aBlobStoredAgainAfterTheCollectorListedItIsNotDeleted() {
        var store = new FileBlobStore(root);
        var key = store.putSyncingLater(bytes("imported twice"));
        store.sync(List.of(key));
        var cutoff = Instant.now().plusMillis(1);
        sleepPast(cutoff);

        store.sync(List.of(store.putSyncingLater(bytes("imported twice"))));

        assertThat(store.deleteIfWrittenBefore(key, cutoff)).isFalse();
        assertThat(store.exists(key)).isTrue();
    }

    @Test
    void twoNodesSharingTheDataDirectoryReadEachOthersPackedBlobs() throws IOException {
        var one = new FileBlobStore(root);
        var two = new FileBlobStore(root);

        var key = one.putSyncingLater(bytes("synced by node one"));
        one.sync(List.of(key));

        try (var in = two.open(key)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("synced by node one");
        }
        assertThat(two.deleteIfWrittenBefore(key, Instant.now().plus(Duration.ofHours(1)))).isTrue();
        assertThatThrownBy(() -> one.open(key)).isInstanceOf(BlobNotFoundException.class);
    }

    private List<Path> packs() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(BlobPacks.DIRECTORY))) {
            return files.filter(file -> file.toString().endsWith(".pack")).toList();
        }
    }

    private List<String> looseFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(file -> file.getFileName().toString()).filter(BlobStore::isValidKey).toList();
        }
    }

    private static void sleepPast(Instant instant) {
        while (!Instant.now().isAfter(instant.plusMillis(1))) {
            Thread.onSpinWait();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
