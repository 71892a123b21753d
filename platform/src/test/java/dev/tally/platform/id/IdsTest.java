package dev.tally.platform.id;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheirMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(Ids.next());
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void everyRandomBitVaries() {
        // the 74 bits after the timestamp that are not version or variant each take both values over many ids
        long msbOnes = 0, msbZeros = 0, lsbOnes = 0, lsbZeros = 0;
        for (int i = 0; i < 2_000; i++) {
            UUID id = UUID.fromString(Ids.next());
            msbOnes |= id.getMostSignificantBits();
            msbZeros |= ~id.getMostSignificantBits();
            lsbOnes |= id.getLeastSignificantBits();
            lsbZeros |= ~id.getLeastSignificantBits();
        }
        assertThat(msbOnes & msbZeros & 0x0FFFL).isEqualTo(0x0FFFL);
        assertThat(lsbOnes & lsbZeros & 0x3FFF_FFFF_FFFF_FFFFL).isEqualTo(0x3FFF_FFFF_FFFF_FFFFL);
    }

    @Test
    void laterIdsSortAfterEarlierOnes() throws InterruptedException {
        String first = Ids.next();
        Thread.sleep(2);
        String second = Ids.next();
        assertThat(second).isGreaterThan(first); // as text too, as the database's indexes compare them
    }

    @Test
    void idsDrawnOnManyThreadsAtOnceAreAllDistinct() throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        var pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 50_000; i++) {
                    seen.add(Ids.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(400_000);
    }

    @Test
    void axonNamesItsMessagesWithThem() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        assertThat(UUID.fromString(IdentifierFactory.getInstance().generateIdentifier()).version()).isEqualTo(7);
    }
}
