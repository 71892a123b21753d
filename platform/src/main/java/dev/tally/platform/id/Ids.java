package dev.tally.platform.id;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for what this system names (events and other messages, expenses, sessions, traces): UUIDs of version 7,
 * a millisecond timestamp then 74 random bits. Ordered by time, so the unique indexes they go into grow at their right
 * edge instead of splitting pages all over; drawn from a generator per thread, because {@link UUID#randomUUID()}
 * shares one lock-guarded generator on which request threads queued under load. The random bits come from one draw
 * (every message is named, a dozen per expense, and each draw of the DRBG is a round of hashing and a few arrays).
 */
public final class Ids {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Ids::generator);

    private Ids() {
    }

    public static String next() {
        byte[] random = new byte[10]; // 80 bits, of which the 12 after the version and the 62 after the variant are used
        RANDOM.get().nextBytes(random);
        ByteBuffer bits = ByteBuffer.wrap(random);
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (bits.getShort() & 0x0FFFL);
        long lsb = (bits.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    private static SecureRandom generator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
