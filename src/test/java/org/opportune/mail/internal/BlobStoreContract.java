package org.opportune.mail.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link BlobStore} does; implemented by the tests of each implementation. */
interface BlobStoreContract {

    BlobStore store();

    @Test
    default void returnsTheSha256OfTheContentAsKey() {
        var key = store().put("hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(key).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    default void givesBackTheExactBytes() throws IOException {
        var content = new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n', 0};

        var key = store().put(content);

        try (var in = store().open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store().exists(key)).isTrue();
    }

    @Test
    default void aBlobWhoseNameIsSyncedLaterIsTheSameBlobAndReadsBackExactly() throws IOException {
        var content = new byte[] {'b', 'a', 't', 'c', 'h', 0, (byte) 0xfe};

        var key = store().putSyncingLater(content);
        store().sync(List.of(key, store().putSyncingLater(content)));

        assertThat(key).isEqualTo(store().put(content));
        try (var in = store().open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    default void storingTheSameContentTwiceKeepsOneBlobUnderOneKey() throws IOException {
        var first = store().put("same".getBytes(StandardCharsets.US_ASCII));

        var second = store().put("same".getBytes(StandardCharsets.US_ASCII));

        assertThat(second).isEqualTo(first);
        try (var in = store().open(first)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("same");
        }
    }

    @Test
    default void anUnknownOrInvalidKeyIsNotFound() {
        var unknown = "0".repeat(64);

        assertThat(store().exists(unknown)).isFalse();
        assertThat(store().exists("../../etc/passwd")).isFalse();
        assertThatThrownBy(() -> store().open(unknown)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store().open("../../etc/passwd")).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    default void listsAndDeletesOnlyBlobsWrittenBeforeTheCutoff() {
        var key = store().put("old enough".getBytes(StandardCharsets.US_ASCII));
        var later = Instant.now().plus(Duration.ofHours(1));
        var earlier = Instant.now().minus(Duration.ofHours(1));
        var before = new ArrayList<String>();
        var beforeEarlier = new ArrayList<String>();

        store().forEachWrittenBefore(later, before::add);
        store().forEachWrittenBefore(earlier, beforeEarlier::add);
        var keptWhenTooYoung = !store().deleteIfWrittenBefore(key, earlier);
        var deleted = store().deleteIfWrittenBefore(key, later);

        assertThat(before).contains(key);
        assertThat(beforeEarlier).doesNotContain(key);
        assertThat(keptWhenTooYoung).isTrue();
        assertThat(deleted).isTrue();
        assertThat(store().exists(key)).isFalse();
        assertThat(store().deleteIfWrittenBefore(key, later)).isFalse();
    }
}
