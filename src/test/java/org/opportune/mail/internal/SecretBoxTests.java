package org.opportune.mail.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTests {

    @TempDir
    Path dataDir;

    @Test
    void decryptsWhatItEncryptedAndUsesAFreshIvEachTime() {
        var box = SecretBox.withKey(key(1));

        var one = box.encrypt("hunter2 ✓");
        var two = box.encrypt("hunter2 ✓");

        assertThat(one).startsWith("v1:").doesNotContain("hunter2");
        assertThat(one).isNotEqualTo(two);
        assertThat(box.decrypt(one)).isEqualTo("hunter2 ✓");
        assertThat(box.decrypt(two)).isEqualTo("hunter2 ✓");
    }

    @Test
    void rejectsATamperedValue() {
        var box = SecretBox.withKey(key(1));
        var sealed = Base64.getDecoder().decode(box.encrypt("secret").substring(3));
        sealed[sealed.length - 5] ^= 1;

        var tampered = "v1:" + Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("changed");
    }

    @Test
    void rejectsAValueEncryptedWithAnotherKey() {
        var sealed = SecretBox.withKey(key(1)).encrypt("secret");

        assertThatThrownBy(() -> SecretBox.withKey(key(2)).decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatesTheKeyFileOnceReadableByTheOwnerOnly() throws Exception {
        var first = SecretBox.fromConfig("", dataDir);
        var sealed = first.encrypt("secret");

        var second = SecretBox.fromConfig("", dataDir);

        var file = dataDir.resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(second.decrypt(sealed)).isEqualTo("secret");
    }

    @Test
    void prefersTheConfiguredKeyAndWritesNoFile() {
        var configured = Base64.getEncoder().encodeToString(key(3));

        var box = SecretBox.fromConfig(configured, dataDir);

        assertThat(SecretBox.withKey(key(3)).decrypt(box.encrypt("x"))).isEqualTo("x");
        assertThat(dataDir.resolve("secret.key")).doesNotExist();
    }

    @Test
    void refusesAKeyThatIsNot256Bits() {
        assertThatThrownBy(() -> SecretBox.fromConfig(Base64.getEncoder().encodeToString(new byte[16]), dataDir))
                .hasMessageContaining("32 bytes");
    }

    private static byte[] key(int seed) {
        var key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}
