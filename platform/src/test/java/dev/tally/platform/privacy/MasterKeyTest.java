package dev.tally.platform.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The development master key generated into the data folder at first start. */
class MasterKeyTest {

    @TempDir
    Path data;

    @Test
    void startsRacingOnAFreshDataFolderAllGetTheFirstOnesKey() throws Exception {
        Path location = data.resolve("keys/master.key");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<SecretKey>> loaded = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                loaded.add(threads.submit(() -> {
                    start.await();
                    return MasterKey.load(null, location, true);
                }));
            }
            start.countDown();
            SecretKey first = loaded.get(0).get(10, TimeUnit.SECONDS);
            for (Future<SecretKey> key : loaded) {
                assertThat(key.get(10, TimeUnit.SECONDS).getEncoded()).isEqualTo(first.getEncoded());
            }
            assertThat(MasterKey.load(null, location, true).getEncoded()).isEqualTo(first.getEncoded());
        } finally {
            threads.shutdownNow();
        }
        assertThat(Files.getPosixFilePermissions(location)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var left = Files.list(location.getParent())) {
            assertThat(left).containsExactly(location); // no drafts left behind
        }
    }

    @Test
    void aConfiguredKeyWinsAndABadOneIsRefusedClearly() {
        String configured = java.util.Base64.getEncoder().encodeToString(DataKeys.newKey().getEncoded());
        assertThat(MasterKey.load(configured, data.resolve("unused.key"), true).getEncoded())
                .isEqualTo(java.util.Base64.getDecoder().decode(configured));
        assertThat(data.resolve("unused.key")).doesNotExist();
        assertThatThrownBy(() -> MasterKey.load("c2hvcnQ=", data.resolve("unused.key"), true))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> MasterKey.load(null, data.resolve("absent.key"), false))
                .hasMessageContaining("No master key");
    }
}
