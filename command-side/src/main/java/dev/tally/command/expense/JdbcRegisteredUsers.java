package dev.tally.command.expense;

import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.Share;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/** Reads identity's {@code user_credentials} (only ids and e-mails, never anything secret) and keeps {@code share_contact}. */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class JdbcRegisteredUsers implements RegisteredUsers {

    private final JdbcClient jdbc;

    JdbcRegisteredUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> contactByEmail(String askedBy, String email) {
        return jdbc.sql("SELECT c.user_id FROM user_credentials c WHERE c.email = :email AND (c.user_id = :askedBy "
                        + "OR EXISTS (SELECT 1 FROM share_contact s WHERE s.user_id = :askedBy AND s.contact_id = c.user_id))")
                .param("email", email.trim().toLowerCase(Locale.ROOT)).param("askedBy", askedBy).query(String.class).optional();
    }

    @Override
    public boolean exists(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_credentials WHERE user_id = ?").param(userId).query(Long.class).single() > 0;
    }

    /** The payer and each participant become each other's contacts, in the sharing command's own transaction. */
    @EventHandler
    void on(ExpenseShared event) {
        for (Share share : event.shares()) {
            if (!share.userId().equals(event.ownerId())) {
                contact(event.ownerId(), share.userId());
                contact(share.userId(), event.ownerId());
            }
        }
    }

    private void contact(String userId, String contactId) {
        jdbc.sql("INSERT INTO share_contact (user_id, contact_id) VALUES (?, ?) ON CONFLICT DO NOTHING").params(userId, contactId).update();
    }
}
