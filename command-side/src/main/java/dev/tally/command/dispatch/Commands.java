package dev.tally.command.dispatch;

import dev.tally.platform.id.Ids;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.ConflictException;
import dev.tally.platform.web.CorrelationIds;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import dev.tally.platform.web.InvalidRequest;
import dev.tally.platform.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.net.URI;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one way controllers send commands: stamped with the acting user, the request's correlation id and the
 * {@code Idempotency-Key}, and with Axon's concurrency failures turned into the answers clients expect.
 */
@Component
public class Commands {

    private static final Pattern USABLE_KEY = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]{0,253}[\\x21-\\x7e])?");

    private final CommandGateway gateway;
    private final GroupCommit groupCommit;

    public Commands(CommandGateway gateway, GroupCommit groupCommit) {
        this.gateway = gateway;
        this.groupCommit = groupCommit;
    }

    /**
     * Sends and waits. {@code what} names the target for a 404 ("account", "transaction" …) when it does not exist.
     */
    public <R> R send(Caller caller, String idempotencyKey, String what, String targetId, Object command) {
        return send(caller, idempotencyKey, what, targetId, command, MetaData.emptyInstance());
    }

    /** As {@link #send(Caller, String, String, String, Object)}, with more metadata for the command and its events ({@code importId}). */
    public <R> R send(Caller caller, String idempotencyKey, String what, String targetId, Object command, MetaData more) {
        MetaData metaData = more.and("userId", caller.userId())
                .and("correlationId", CorrelationIds.current());
        if (idempotencyKey != null) {
            requireUsableKey(idempotencyKey);
            metaData = metaData.and(IdempotentCommands.KEY, idempotencyKey);
        }
        try {
            return sendRetryingOnce(caller.userId(), GenericCommandMessage.asCommandMessage(command).withMetaData(metaData));
        } catch (ConflictingAggregateVersionException e) {
            throw new ConflictException("stale_version",
                    "The " + what + " has changed since the version you sent in If-Match; read it again and retry.");
        } catch (AggregateNotFoundException e) {
            throw new NotFoundException(what, targetId);
        } catch (ConcurrencyException e) {
            throw new ConflictException("concurrent_change",
                    "The " + what + " was changed by another request at the same moment; retry.");
        }
    }

    /** Keys are stored as sent (up to 255 characters) and compared byte for byte: printable ASCII only, so they stay that way. */
    static void requireUsableKey(String idempotencyKey) {
        if (!USABLE_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequest("Idempotency-Key", "must be 1 to 255 printable ASCII characters, not starting or ending with a space");
        }
    }

    /**
     * A concurrency failure means the command was rolled back whole because its aggregate moved underneath it (a
     * request racing on another instance, or this instance's cached copy gone stale): run it once more on fresh state,
     * as the client would. A stale If-Match is the client's own and is not retried.
     */
    private <R> R sendRetryingOnce(String userId, CommandMessage<?> message) {
        try {
            return sendAndWait(userId, message);
        } catch (ConcurrencyException e) {
            return sendAndWait(userId, message);
        }
    }

    /**
     * In the acting user's next group commit; a caller already inside a transaction (the command must commit with its
     * other work) sends it directly into that transaction.
     */
    private <R> R sendAndWait(String userId, CommandMessage<?> message) {
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? gateway.sendAndWait(message) : groupCommit.sendAndWait(userId, message);
    }

    /** Sends a request's command about {@code targetId} and waits: the {@link #send(Caller, String, String, String, Object)} of a request. */
    public <R> R send(CommandContext context, String what, String targetId, Object command) {
        return send(context.caller(), context.idempotencyKey(), what, targetId, command);
    }

    /** Sends a command that creates {@code id} and answers 201 with its location and version 0. */
    public ResponseEntity<Accepted> create(CommandContext context, String what, String id, String location, Object command) {
        send(context, what, id, command);
        return ResponseEntity.created(URI.create(location)).eTag(Versions.etag(0)).body(new Accepted(id, 0));
    }

    /** Sends a command that changes {@code id} (its handler answers the new version) and answers 200 with that version. */
    public ResponseEntity<Accepted> change(CommandContext context, String what, String id, Object command) {
        long version = send(context, what, id, command);
        return ResponseEntity.ok().eTag(Versions.etag(version)).body(new Accepted(id, version));
    }

    /**
     * The id of a thing a request creates. With an {@code Idempotency-Key} it is derived from the caller and the key, so
     * a retried request addresses the same thing instead of creating a second one.
     */
    public static String newId(Caller caller, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Ids.next();
        }
        return UUID.nameUUIDFromBytes((caller.userId() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
