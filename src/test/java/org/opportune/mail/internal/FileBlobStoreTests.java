package org.opportune.mail.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileBlobStoreTests implements BlobStoreContract {

    @TempDir
    Path root;

    @Override
    public BlobStore store() {
        return new FileBlobStore(root);
    }

    @Test
    void keepsBlobsInOneLevelOfDirectoriesNamedByTheKey() {
        var key = store().put("hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(root.resolve("2c").resolve(key)).isRegularFile();
    }

    @Test
    void blobsOfTheEarlierTwoLevelLayoutAreMovedWhenTheStoreOpensAndReadBackExactly() throws IOException {
        var content = "kept since last year".getBytes(StandardCharsets.US_ASCII);
        var key = Hashes.sha256(content);
        var legacy = root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4));
        Files.createDirectories(legacy);
        Files.write(legacy.resolve(key), content);
        Files.write(legacy.resolve(key + ".123-abc-1.tmp"), "half".getBytes(StandardCharsets.US_ASCII));

        var store = store();

        try (var in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(legacy).doesNotExist();
        assertThat(root.resolve(key.substring(0, 2)).resolve(key)).isRegularFile();
        var listed = new java.util.ArrayList<String>();
        store.forEachWrittenBefore(java.time.Instant.now().plusSeconds(60), listed::add);
        assertThat(listed).containsExactly(key);
    }

    @Test
    void aStoreInTheNewLayoutIsNotWalkedAgainWhenItOpens() throws IOException {
        store().put("one".getBytes(StandardCharsets.US_ASCII));
        var stray = root.resolve("ab").resolve("cd");
        Files.createDirectories(stray);

        store();

        assertThat(stray).isDirectory();
    }

    @Test
    void aTruncatedFileLeftByACrashIsReplacedOnTheNextPut() throws IOException {
        var content = "the whole content".getBytes(StandardCharsets.US_ASCII);
        var key = Hashes.sha256(content);
        var store = store();
        var file = root.resolve(key.substring(0, 2)).resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, "the wh".getBytes(StandardCharsets.US_ASCII));

        store.put(content);

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        store().put("one".getBytes(StandardCharsets.US_ASCII));
        store().put("one".getBytes(StandardCharsets.US_ASCII));

        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"))
                    .filteredOn(name -> !name.endsWith(LegacyLayout.MARKER)).hasSize(1);
        }
    }

    @Test
    void storingContentThatIsThereAlreadyCountsAsWritingItNow() throws IOException {
        var content = "kept by a new import".getBytes(StandardCharsets.US_ASCII);
        var key = store().put(content);
        var file = root.resolve(key.substring(0, 2)).resolve(key);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
        var aDayAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(1));

        store().put(content);

        var old = new java.util.ArrayList<String>();
        store().forEachWrittenBefore(aDayAgo, old::add);
        assertThat(old).doesNotContain(key);
        assertThat(store().deleteIfWrittenBefore(key, aDayAgo)).isFalse();
    }
}
