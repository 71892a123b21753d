package dev.tally.command.identity;

import dev.tally.api.group.GroupMemberInvited;
import dev.tally.platform.privacy.DataKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The keys invitations' addresses are sealed under ({@link GroupMemberInvited#emailSubjectOf}): an address is the
 * invitee's data, so its key goes with the account of the person at that address (pending, expired or accepted by
 * anyone) and with the account of whoever joined with the link, whatever their own address. Here, beside the rest of
 * erasure, because groups already depend on identity; the group package fills {@code group_invitee}.
 */
@Component
public class InvitationKeys {

    private final JdbcClient jdbc;
    private final DataKeys keys;

    InvitationKeys(JdbcClient jdbc, DataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /**
     * Destroys the keys of the invitations to the person's address or accepted by them, in the caller's transaction,
     * and forgets the invitations; answers their ids (other processes forget the keys they cached when they see them).
     */
    public List<String> destroy(String userId, String normalisedEmail) {
        List<String> invitations = jdbc.sql("SELECT invitation_id FROM group_invitee WHERE accepted_by = ? OR email_hash = ? ORDER BY invitation_id")
                .params(userId, normalisedEmail == null ? "" : emailHash(normalisedEmail)).query(String.class).list();
        invitations.forEach(invitation -> keys.destroy(GroupMemberInvited.emailSubjectOf(invitation)));
        jdbc.sql("DELETE FROM group_invitee WHERE accepted_by = ? OR email_hash = ?")
                .params(userId, normalisedEmail == null ? "" : emailHash(normalisedEmail)).update();
        return invitations;
    }

    /** How {@code group_invitee} finds an address without holding it: the SHA-256 of the normalised address. */
    public static String emailHash(String normalisedEmail) {
        return RefreshTokens.sha256("invitee:" + normalisedEmail);
    }
}
