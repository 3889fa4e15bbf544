package org.opportune.mail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemSyncTests {

    @TempDir
    Path root;

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxAnImportsBlobsAreSyncedTogether() throws IOException {
        Files.writeString(root.resolve("blob"), "written, not yet synced");

        assertThat(FileSystemSync.available()).as("syncfs through the C library").isTrue();
        FileSystemSync.sync(root);
        FileSystemSync.sync(root.resolve("blob"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aPathThatIsNotThereIsAClearError() {
        var missing = root.resolve("no-such-directory");

        assertThatThrownBy(() -> FileSystemSync.sync(missing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("errno 2");
    }
}
