package dev.tally.command.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.eventstore.EventSerialization;
import dev.tally.platform.web.ConflictException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.sql.Timestamp;

/**
 * Makes every command with an {@code Idempotency-Key} safe to retry. Runs inside the command's unit of work, so the
 * remembered answer commits in the same transaction as the events: either both exist or neither. A repeat with the
 * same key and the same command returns the first answer without running the handler (nothing is appended); the same
 * key with a different command is refused. A request that sends several commands in one transaction (an import) uses
 * {@link #answered} and {@link #remember} around its work the same way.
 */
@Component
public class IdempotentCommands implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String KEY = "idempotencyKey";
    private static final Duration KEEP = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final ObjectMapper json = EventSerialization.objectMapper();

    public IdempotentCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(KEY);
        Object userId = command.getMetaData().get("userId");
        if (key == null || userId == null) {
            return chain.proceed();
        }
        String fingerprint = fingerprint(command.getCommandName(), command.getPayload());
        Optional<Remembered> remembered = remembered(userId.toString(), key.toString(), fingerprint);
        if (remembered.isPresent()) {
            return remembered.get().result(json);
        }
        Object result = chain.proceed();
        remember(userId.toString(), key.toString(), fingerprint, result);
        return result;
    }

    /**
     * For a request that is more than one command (an import: its rows and its own event in one transaction), the
     * same as for a command: the first answer to {@code userId}'s {@code key} when it was for the same {@code request}
     * named {@code name}, nothing when the key is new, refused when it was used for another request.
     */
    public <T> Optional<T> answered(String userId, String key, String name, Object request, Class<T> type) {
        Commands.requireUsableKey(key);
        return remembered(userId, key, fingerprint(name, request)).map(r -> {
            try {
                return type.cast(r.result(json));
            } catch (Exception e) {
                throw new IllegalStateException("remembered answer cannot be read", e);
            }
        });
    }

    /** Remembers the answer to such a request, in the transaction that does its work: either both commit or neither. */
    public void remember(String userId, String key, String name, Object request, Object answer) {
        remember(userId, key, fingerprint(name, request), answer);
    }

    private Optional<Remembered> remembered(String userId, String key, String fingerprint) {
        var remembered = jdbc.sql("SELECT fingerprint, result_type, result FROM idempotency_record WHERE user_id = ? AND idempotency_key = ?")
                .params(userId, key)
                .query((rs, n) -> new Remembered(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
        if (remembered.isPresent() && !remembered.get().fingerprint().equals(fingerprint)) {
            throw new RuleViolation("idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
        return remembered;
    }

    private void remember(String userId, String key, String fingerprint, Object result) {
        try {
            jdbc.sql("INSERT INTO idempotency_record (user_id, idempotency_key, fingerprint, result_type, result, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(userId, key, fingerprint, result == null ? null : result.getClass().getName(),
                            result == null ? null : json.writeValueAsString(result), Timestamp.from(Instant.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("request_in_progress",
                    "Another request with this Idempotency-Key was processed at the same moment; retry to get its answer.");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer cannot be remembered", e);
        }
    }

    @Scheduled(fixedDelayString = "${tally.idempotency.sweep-interval:PT1H}")
    public void forgetOldKeys() {
        jdbc.sql("DELETE FROM idempotency_record WHERE created_at < ?").param(Timestamp.from(Instant.now().minus(KEEP))).update();
    }

    private String fingerprint(String name, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((name + "\n" + json.writeValueAsString(request)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Remembered(String fingerprint, String type, String result) {
        Object result(ObjectMapper json) throws Exception {
            return type == null ? null : json.readValue(result, Class.forName(type));
        }
    }
}
