package dev.tally.command.identity;

import dev.tally.api.privacy.PersonalData;
import dev.tally.platform.privacy.PersonalDataEraser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Crypto-shredding ({@link PersonalDataEraser}, and the keys of the invitations to them, {@link InvitationKeys}) and the command side's own tables: credentials (email, name,
 * password hash), refresh and mailed tokens, the category names and import mappings decided by, the names of groups they created, and the stored
 * answers of idempotent commands. Shared things (groups, shared expenses, payments) keep their ids so others' balances
 * still add up.
 */
@Component
class JdbcErasure implements Erasure {

    private static final Logger log = LoggerFactory.getLogger(JdbcErasure.class);

    private final PersonalDataEraser eraser;
    private final InvitationKeys invitationKeys;
    private final JdbcClient jdbc;

    JdbcErasure(PersonalDataEraser eraser, InvitationKeys invitationKeys, JdbcClient jdbc) {
        this.eraser = eraser;
        this.invitationKeys = invitationKeys;
        this.jdbc = jdbc;
    }

    @Override
    public List<String> erase(String userId) {
        int plainText = eraser.erase(userId);
        // the addresses they were invited at are theirs, under each invitation's own key (read before the credentials go)
        String email = jdbc.sql("SELECT email FROM user_credentials WHERE user_id = ?").param(userId).query(String.class).optional().orElse(null);
        List<String> invitations = invitationKeys.destroy(userId, email);
        for (String delete : new String[]{
                "DELETE FROM user_credentials WHERE user_id = ?",
                "DELETE FROM refresh_token WHERE user_id = ?",
                "DELETE FROM email_token WHERE user_id = ?",
                "DELETE FROM category_directory WHERE owner_id = ?",
                "DELETE FROM import_profile WHERE owner_id = ?",
                "DELETE FROM import_job WHERE owner_id = ?",
                "DELETE FROM idempotency_record WHERE user_id = ?"}) {
            jdbc.sql(delete).param(userId).update();
        }
        // the names of the groups they created (their words; the groups stay for the others)
        jdbc.sql("UPDATE group_directory SET name = ? WHERE creator_id = ?").params(PersonalData.ERASED, userId).update();
        log.info("Erased user {}: data key destroyed with {} invitations' keys, {} stored events or snapshots held plain text",
                userId, invitations.size(), plainText);
        return invitations;
    }
}
