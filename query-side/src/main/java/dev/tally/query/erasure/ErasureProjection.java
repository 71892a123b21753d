package dev.tally.query.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEvents;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.identity.UserErased;
import dev.tally.api.privacy.PersonalData;
import dev.tally.platform.privacy.DataKeys;
import dev.tally.query.expense.ExpenseViews;
import dev.tally.query.expense.RecordedTransactions;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.feed.UserFeed;
import dev.tally.query.group.GroupProjection;
import dev.tally.query.projection.EventBatch;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.settle.PaymentProjection;
import dev.tally.query.settle.PaymentRepository;
import jakarta.persistence.EntityManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A person erased their account. Their own read models and feed go; what they share with others stays (others'
 * balances must still add up) but shows them as {@value FeedScrub#DELETED_USER} and what they wrote as
 * {@value PersonalData#ERASED}: exactly what a replay of the events gives once their key is destroyed, so a rebuild
 * comes back to the same rows. The people they shared with get the expenses, groups and payments as they now stand.
 * Writes the tables other projections declare, so it declares none: a rebuild replays it after them.
 */
@Component
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class ErasureProjection {

    private static final String ERASED = PersonalData.ERASED;

    private final JdbcTemplate jdbc;
    private final EntityManager em;
    private final ReadModelChange change;
    private final UserFeed feed;
    private final DataKeys keys;
    private final ObjectMapper json;
    private final RecordedTransactions transactions;
    private final ExpenseViews expenses;
    private final GroupProjection groups;
    private final PaymentRepository payments;
    private final PaymentProjection paymentUpdates;

    public ErasureProjection(JdbcTemplate jdbc, EntityManager em, ReadModelChange change, UserFeed feed, DataKeys keys,
                             ObjectMapper json, RecordedTransactions transactions, ExpenseViews expenses, GroupProjection groups,
                             PaymentRepository payments, PaymentProjection paymentUpdates) {
        this.jdbc = jdbc;
        this.em = em;
        this.change = change;
        this.feed = feed;
        this.keys = keys;
        this.json = json;
        this.transactions = transactions;
        this.expenses = expenses;
        this.groups = groups;
        this.payments = payments;
        this.paymentUpdates = paymentUpdates;
    }

    @EventHandler
    void on(UserErased event, TrackingToken token) {
        keys.forget(event.userId()); // another process destroyed it; this one may still hold it
        event.invitationIds().forEach(invitation -> keys.forget(GroupMemberInvited.emailSubjectOf(invitation)));
        change.apply(token, () -> erase(event.userId(), event.invitationIds()));
    }

    private List<FeedUpdate> erase(String user, List<String> invitations) {
        change.catchUp(); // the batch's earlier changes first: these statements read them and have the last word
        List<String> shared = jdbc.queryForList("""
                SELECT DISTINCT m.expense_id FROM expense_member m
                WHERE m.user_id = ? AND EXISTS (SELECT 1 FROM expense_member o WHERE o.expense_id = m.expense_id AND o.user_id <> ?)""",
                String.class, user, user);
        Set<String> groupsTold = new LinkedHashSet<>(jdbc.queryForList("SELECT group_id FROM sharing_group_member WHERE user_id = ?", String.class, user));
        List<String> paid = jdbc.queryForList("SELECT payment_id FROM payment_view WHERE payer_id = ? OR payee_id = ?", String.class, user, user);
        // the addresses they were invited at: an invitation shows one before it names its acceptor
        Set<String> emails = new LinkedHashSet<>(jdbc.queryForList(
                "SELECT email FROM sharing_group_invitation WHERE accepted_by = ?", String.class, user));
        // and the invitations to their address whose keys went with theirs, pending ones in groups they never joined too
        for (String invitation : invitations) {
            jdbc.query("SELECT group_id, email FROM sharing_group_invitation WHERE invitation_id = ?", rs -> {
                groupsTold.add(rs.getString(1));
                emails.add(rs.getString(2));
            }, invitation);
            jdbc.update("UPDATE sharing_group_invitation SET email = ? WHERE invitation_id = ?", ERASED, invitation);
        }
        emails.remove(ERASED);
        List<String> inGroups = List.copyOf(groupsTold);

        // audit states folded before: of their own things and what they share
        jdbc.update("""
                DELETE FROM audit_snapshot WHERE aggregate_id IN (SELECT account_id FROM account_view WHERE owner_id = ?)
                   OR aggregate_id IN (SELECT budget_id FROM budget_view WHERE owner_id = ?)
                   OR aggregate_id IN (SELECT transaction_id FROM transaction_view WHERE owner_id = ?)
                   OR aggregate_id IN (SELECT expense_id FROM expense_member WHERE user_id = ?)
                   OR aggregate_id IN (SELECT recurring_id FROM recurring_view WHERE owner_id = ?)
                   OR aggregate_id IN (SELECT import_id FROM import_view WHERE owner_id = ?)""", user, user, user, user, user, user);

        // their own things
        jdbc.update("""
                DELETE FROM expense_member WHERE expense_id IN (SELECT transaction_id FROM transaction_view t WHERE t.owner_id = ?
                   AND NOT EXISTS (SELECT 1 FROM expense_member o WHERE o.expense_id = t.transaction_id AND o.user_id <> ?))""", user, user);
        jdbc.update("""
                DELETE FROM transaction_view t WHERE t.owner_id = ?
                   AND NOT EXISTS (SELECT 1 FROM expense_member o WHERE o.expense_id = t.transaction_id AND o.user_id <> ?)""", user, user);
        for (String table : List.of("account_view", "category_view", "budget_view", "dashboard_month_total", "import_view", "recurring_view")) {
            jdbc.update("DELETE FROM " + table + " WHERE owner_id = ?", user);
        }
        jdbc.update("DELETE FROM notification_view WHERE user_id = ?", user);

        // what stays shared: without their name and words
        jdbc.update("UPDATE user_view SET display_name = ?, time_zone = 'UTC' WHERE user_id = ?", FeedScrub.DELETED_USER, user);
        jdbc.update("UPDATE transaction_view SET description = ? WHERE owner_id = ? AND description IS NOT NULL", ERASED, user);
        jdbc.update("UPDATE transaction_view SET merchant = ? WHERE owner_id = ? AND merchant IS NOT NULL", ERASED, user);
        jdbc.update("DELETE FROM transaction_tag WHERE transaction_id IN (SELECT transaction_id FROM transaction_view WHERE owner_id = ?)", user);
        jdbc.update("UPDATE expense_comment SET text = ? WHERE author_id = ?", ERASED, user);
        jdbc.update("UPDATE sharing_group SET name = ? WHERE creator_id = ?", ERASED, user);
        jdbc.update("UPDATE sharing_group_invitation SET email = ? WHERE invited_by = ? OR accepted_by = ?", ERASED, user, user);
        emails.forEach(email -> jdbc.update("UPDATE sharing_group_invitation SET email = ? WHERE email = ?", ERASED, email));
        jdbc.update("UPDATE payment_view SET note = ? WHERE payer_id = ? AND note IS NOT NULL", ERASED, user);
        jdbc.update("UPDATE payment_view SET dispute_reason = ? WHERE payee_id = ? AND dispute_reason IS NOT NULL", ERASED, user);
        jdbc.update("UPDATE notification_view SET message = ? WHERE data LIKE ?", ERASED, "%\"" + user + "\"%");
        scrubOthersFeeds(user, user, emails);
        emails.forEach(email -> scrubOthersFeeds(user, email, emails));
        feed.forget(user);

        em.clear(); // entities read before now describe the rows as they were
        EventBatch.forget();
        return pushes(user, shared, inGroups, paid);
    }

    /** Entries already in other people's feeds (devices replay them) lose the person's name and words too. */
    private void scrubOthersFeeds(String user, String mentioning, Set<String> emails) {
        List<Object[]> rewrites = new ArrayList<>();
        jdbc.query("SELECT user_id, seq, payload FROM user_feed WHERE user_id <> ? AND payload LIKE ?", rs -> {
            try {
                JsonNode payload = json.readTree(rs.getString(3));
                if (FeedScrub.scrub(payload, user, emails)) {
                    rewrites.add(new Object[]{json.writeValueAsString(payload), rs.getString(1), rs.getLong(2)});
                }
            } catch (IOException e) {
                throw new IllegalStateException("unreadable feed entry " + rs.getString(1) + "/" + rs.getLong(2), e);
            }
        }, user, "%\"" + mentioning + "\"%");
        if (!rewrites.isEmpty()) {
            jdbc.batchUpdate("UPDATE user_feed SET payload = ? WHERE user_id = ? AND seq = ?", rewrites);
        }
    }

    /** The shared things as they now stand, to everyone else in them. */
    private List<FeedUpdate> pushes(String user, List<String> shared, List<String> inGroups, List<String> paid) {
        List<FeedUpdate> updates = new ArrayList<>();
        transactions.findAll(shared).forEach(t -> {
            var view = expenses.full(t);
            Set<String> members = new LinkedHashSet<>(jdbc.queryForList(
                    "SELECT user_id FROM expense_member WHERE expense_id = ? ORDER BY user_id", String.class, t.transactionId()));
            members.remove(user);
            members.forEach(member -> updates.add(new FeedUpdate(member, FeedEvents.EXPENSE_UPDATED, view)));
        });
        inGroups.forEach(groupId -> groups.toMembers(groupId).stream().filter(u -> !u.userId().equals(user)).forEach(updates::add));
        payments.findAllById(paid).forEach(p -> paymentUpdates.updates(p).stream().filter(u -> !u.userId().equals(user)).forEach(updates::add));
        return updates;
    }
}
