package dev.tally.command.group;

import dev.tally.command.dispatch.Accepted;
import dev.tally.command.dispatch.Commands;
import dev.tally.command.identity.InvitationKeys;
import dev.tally.command.mail.Mail;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Invitations by email: the invitation event and its link's token (stored as a SHA-256, 14 days, used once) commit
 * together; the mail goes to the address whether or not it has an account, so inviting says nothing about who is
 * registered. Whoever signs in and uses the link joins: holding it shows they read that mailbox.
 */
@Component
class GroupInvitations {

    static final Duration LIFETIME = Duration.ofDays(14);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Commands commands;
    private final Mail mail;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    GroupInvitations(Commands commands, Mail mail, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.commands = commands;
        this.mail = mail;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A link that is unknown, used or expired (alike): 400. */
    static class InvalidInvitation extends ApiException {
        InvalidInvitation() {
            super("invalid_token", "This invitation link is not valid any more (used or expired); ask for a new one.", null);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.BAD_REQUEST;
        }
    }

    long invite(Caller caller, String idempotencyKey, String groupId, String invitationId, String email, String inviterName, String groupName) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long[] versionAndNew = transaction.execute(status -> {
            long v = commands.send(caller, idempotencyKey, "group", groupId, new InviteToGroup(groupId, caller.userId(), invitationId, email));
            // a retry with the same Idempotency-Key names the same invitation: it keeps its link, and no second mail goes
            int added = jdbc.sql("INSERT INTO group_invitation (token_hash, group_id, invitation_id, expires_at) SELECT ?, ?, ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM group_invitation WHERE invitation_id = ?)")
                    .params(sha256(token), groupId, invitationId, Timestamp.from(clock.instant().plus(LIFETIME)), invitationId).update();
            jdbc.sql("INSERT INTO group_invitee (invitation_id, email_hash) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(invitationId, InvitationKeys.emailHash(email)).update();
            return new long[]{v, added};
        });
        if (versionAndNew[1] == 0) {
            return versionAndNew[0];
        }
        mail.send("group invitation", () -> Optional.of(new Mail.Message(email, inviterName + " invited you to a group on Tally",
                "Hello,\n\n" + inviterName + " invited you to share costs in the group \"" + groupName + "\" on Tally. "
                        + "Sign in (or register) and open this link within 14 days to join:\n\n"
                        + mail.settings().link("join-group", token) + "\n\nIf you do not want to join, ignore this mail.\n")));
        return versionAndNew[0];
    }

    /** Joins the caller to the link's group; the link is used in the same transaction. Answers the group and its version. */
    Accepted accept(Caller caller, String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidInvitation();
        }
        String hash = sha256(token.trim());
        return transaction.execute(status -> {
            Instant now = clock.instant();
            var invitation = jdbc.sql("SELECT group_id, invitation_id FROM group_invitation WHERE token_hash = ? AND accepted_at IS NULL AND expires_at > ? FOR UPDATE")
                    .params(hash, Timestamp.from(now))
                    .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).optional()
                    .orElseThrow(InvalidInvitation::new);
            jdbc.sql("UPDATE group_invitation SET accepted_at = ? WHERE token_hash = ?").params(Timestamp.from(now), hash).update();
            jdbc.sql("UPDATE group_invitee SET accepted_by = ? WHERE invitation_id = ?").params(caller.userId(), invitation[1]).update();
            long version = commands.send(caller, null, "group", invitation[0], new AcceptGroupInvitation(invitation[0], invitation[1], caller.userId()));
            return new Accepted(invitation[0], version);
        });
    }

    @Scheduled(fixedDelayString = "${tally.identity.sweep-interval:PT1H}")
    public void forgetExpired() {
        jdbc.sql("DELETE FROM group_invitation WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
