package dev.tally.platform.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One AES-256 data key per person ({@code data_key}, beside the event store because every side that reads events
 * needs it), stored wrapped (AES-GCM) by the master key, which never enters the database. Destroying a key leaves a
 * tombstone, so a later event about that person is never encrypted with a fresh key and their old ciphertext stays
 * unreadable. Unwrapped keys are cached; a destroyed key leaves this process's cache when its transaction commits and
 * other processes' caches when they see {@code UserErased} ({@link #forget}).
 * <p>
 * Rotation: a process started with a new master key and the old one as the previous key re-wraps every data key and
 * records the new key's fingerprint, in one transaction under the row lock of {@code data_master_key}; no event changes.
 * New data keys are wrapped under that lock too, so a process still running with the old key can never add a key the
 * new one cannot open: it refuses instead (and keeps the keys it has cached, which did not change).
 */
public class DataKeys {

    static final String ALGORITHM = "AES/GCM/NoPadding";
    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final java.util.function.Supplier<SecretKey> masterKey;
    private final java.util.function.Supplier<SecretKey> previousMasterKey;
    private volatile SecretKey master;
    private volatile String masterFingerprint;
    private final Clock clock;
    private final Cache<String, Optional<SecretKey>> keys = Caffeine.newBuilder().maximumSize(100_000).build();
    private volatile Long sealedFrom;

    /** The master key is loaded at first use: a process that never reads personal data (a gateway) never needs one. */
    public DataKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, java.util.function.Supplier<SecretKey> master, Clock clock) {
        this(jdbc, transactions, master, () -> null, clock);
    }

    /** With {@code previous} (null when not configured): the master key this one replaces, for {@link #checkMasterKey} to rotate from. */
    public DataKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, java.util.function.Supplier<SecretKey> master,
                    java.util.function.Supplier<SecretKey> previous, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.masterKey = master;
        this.previousMasterKey = previous;
        this.clock = clock;
    }

    /**
     * The subject's key, made (in its own committed transaction, so a rolled-back command never leaves a cached key
     * that the database lacks) when {@code create} and there is none; empty once destroyed.
     */
    public Optional<SecretKey> key(String subjectId, boolean create) {
        Optional<SecretKey> cached = keys.getIfPresent(subjectId);
        if (cached != null) {
            return cached;
        }
        checkMasterKey();
        List<byte[]> found = wrapped(subjectId);
        if (found.isEmpty() && create) {
            ownTransaction.executeWithoutResult(status -> {
                // under the master key row's lock: a rotation either re-wraps this key too, or has happened, and this
                // process (still on the old master key) refuses rather than add a key the new one cannot open
                requireCurrentMasterKey(jdbc.queryForObject("SELECT fingerprint FROM data_master_key WHERE id = 1 FOR UPDATE", String.class));
                jdbc.update("INSERT INTO data_key (subject_id, wrapped_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        subjectId, wrap(subjectId, newKey()), Timestamp.from(clock.instant()));
            });
            found = wrapped(subjectId);
        }
        if (found.isEmpty()) {
            return Optional.empty(); // not cached: the key may yet be made
        }
        Optional<SecretKey> key;
        try {
            key = Optional.ofNullable(found.get(0)).map(wrapped -> unwrap(subjectId, wrapped));
        } catch (IllegalStateException unreadable) {
            // the likely reason: another process rotated the master key since this one started
            requireCurrentMasterKey(jdbc.queryForObject("SELECT fingerprint FROM data_master_key WHERE id = 1", String.class));
            throw unreadable;
        }
        keys.put(subjectId, key);
        return key;
    }

    /** Crypto-shredding: in the caller's transaction; the cached copy goes when it commits. */
    public void destroy(String subjectId) {
        int updated = jdbc.update("UPDATE data_key SET wrapped_key = NULL, destroyed_at = ? WHERE subject_id = ?",
                Timestamp.from(clock.instant()), subjectId);
        if (updated == 0) {
            jdbc.update("INSERT INTO data_key (subject_id, wrapped_key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)",
                    subjectId, Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget(subjectId);
                }
            });
        } else {
            forget(subjectId);
        }
    }

    /** Drops the cached key, so the next read asks the table (where an erased person's key is gone). */
    public void forget(String subjectId) {
        keys.invalidate(subjectId);
    }

    /**
     * The global index of the last event written before encryption began (0 for a store that always had it):
     * events up to it may hold personal data in plain text, which erasure then overwrites.
     */
    public long sealedFrom() {
        checkMasterKey();
        return sealedFrom;
    }

    /**
     * The first process records the master key's fingerprint; a process started with another master key (a split
     * deployment whose sides each generated their own) stops here with a clear message instead of writing events
     * nobody else can read.
     */
    public void checkMasterKey() {
        if (sealedFrom == null) {
            checkMasterKeyOnce();
        }
    }

    // Once per process: concurrent first commands on a fresh data folder each generated a master key of their own, and
    // all but one were then refused as "not the one this database's data keys are wrapped with".
    private synchronized void checkMasterKeyOnce() {
        if (sealedFrom != null) {
            return;
        }
        if (master == null) {
            master = masterKey.get();
            masterFingerprint = fingerprint(master);
        }
        String fingerprint = masterFingerprint;
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update("""
                    INSERT INTO data_master_key (id, fingerprint, sealed_from)
                    SELECT 1, ?, COALESCE(MAX(global_index), 0) FROM domain_event_entry
                    WHERE NOT EXISTS (SELECT 1 FROM data_master_key)""", fingerprint));
        } catch (DuplicateKeyException anotherProcessWasFirst) {
            // its row is read below
        }
        var row = jdbc.queryForMap("SELECT fingerprint, sealed_from FROM data_master_key WHERE id = 1");
        SecretKey previous = previousMasterKey.get();
        if (!fingerprint.equals(row.get("fingerprint")) && previous != null && fingerprint(previous).equals(row.get("fingerprint"))) {
            rotateFrom(previous);
            row = jdbc.queryForMap("SELECT fingerprint, sealed_from FROM data_master_key WHERE id = 1");
        }
        if (!fingerprint.equals(row.get("fingerprint"))) {
            throw new IllegalStateException("The master key (tally.privacy.master-key or "
                    + "tally.privacy.master-key-location) is not the one this database's data keys are wrapped with: "
                    + "give every process the same master key, or rotate to a new one with the current one as "
                    + "tally.privacy.previous-master-key (docs/operations.md, \"Personal data keys\")");
        }
        sealedFrom = ((Number) row.get("sealed_from")).longValue();
    }

    /**
     * Re-wraps every live data key from the previous master key to this one and records this one's fingerprint, in one
     * transaction holding the row lock every new key waits for. Processes starting together: the first rotates, the
     * others find the new fingerprint once it commits. Destroyed keys stay tombstones; no event is touched.
     */
    private void rotateFrom(SecretKey previous) {
        Integer rewrapped = ownTransaction.execute(status -> {
            String stored = jdbc.queryForObject("SELECT fingerprint FROM data_master_key WHERE id = 1 FOR UPDATE", String.class);
            if (!fingerprint(previous).equals(stored)) {
                return null; // another process rotated first
            }
            List<Object[]> updates = new ArrayList<>();
            jdbc.query("SELECT subject_id, wrapped_key FROM data_key WHERE wrapped_key IS NOT NULL", rs -> {
                String subject = rs.getString(1);
                byte[] key = decrypt(previous, aad("data-key:" + subject), rs.getBytes(2));
                updates.add(new Object[]{encrypt(master, aad("data-key:" + subject), key), subject});
            });
            // not a key destroyed meanwhile: an erasure committing while this waits for its row must stay a tombstone
            jdbc.batchUpdate("UPDATE data_key SET wrapped_key = ? WHERE subject_id = ? AND wrapped_key IS NOT NULL", updates);
            jdbc.update("UPDATE data_master_key SET fingerprint = ? WHERE id = 1", masterFingerprint);
            return updates.size();
        });
        if (rewrapped != null) {
            log.info("Master key rotated: {} data keys re-wrapped under the new master key (fingerprint {})", rewrapped, masterFingerprint);
        }
    }

    /** After a rotation by another process, this one (started with the old master key) refuses to wrap or unwrap. */
    private void requireCurrentMasterKey(String storedFingerprint) {
        if (!masterFingerprint.equals(storedFingerprint)) {
            throw new IllegalStateException("The master key was rotated by another process since this one started: "
                    + "restart it with the new master key (docs/operations.md, \"Personal data keys\")");
        }
    }

    private List<byte[]> wrapped(String subjectId) {
        return jdbc.query("SELECT wrapped_key FROM data_key WHERE subject_id = ?", (rs, n) -> rs.getBytes(1), subjectId);
    }

    static String fingerprint(SecretKey master) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(master);
            byte[] check = mac.doFinal("tally master key check".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(check).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] wrap(String subjectId, SecretKey key) {
        return encrypt(master, aad("data-key:" + subjectId), key.getEncoded());
    }

    private SecretKey unwrap(String subjectId, byte[] wrapped) {
        return new SecretKeySpec(decrypt(master, aad("data-key:" + subjectId), wrapped), "AES");
    }

    static byte[] aad(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** iv ‖ ciphertext ‖ tag; the associated data binds the ciphertext to its subject. */
    static byte[] encrypt(SecretKey key, byte[] associated, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associated);
            byte[] out = new byte[IV_BYTES + cipher.getOutputSize(plain.length)];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            cipher.doFinal(plain, 0, plain.length, out, IV_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt personal data", e);
        }
    }

    static byte[] decrypt(SecretKey key, byte[] associated, byte[] sealed) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associated);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt personal data: the data key or master key is not the one it was sealed with", e);
        }
    }
}
