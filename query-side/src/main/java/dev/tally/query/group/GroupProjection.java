package dev.tally.query.group;

import dev.tally.api.expense.ExpenseGroupChanged;
import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.ExpenseUnshared;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.group.GroupMemberLeft;
import dev.tally.api.group.GroupMemberRemoved;
import dev.tally.query.expense.RecordedTransactions;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Groups and what their members see: every change of a group, or of an expense shared in it, puts the group as it
 * stands at commit ({@link GroupView}, with balances) into each member's feed, so replay works as for everything else.
 */
@Component
@ProcessingGroup(ProjectionGroups.READ_MODELS)
@ReadModelTables({"sharing_group", "sharing_group_member", "sharing_group_invitation"})
public class GroupProjection {

    private final SharingGroupRepository groups;
    private final RecordedTransactions transactions;
    private final GroupViews views;
    private final ReadModelChange change;

    public GroupProjection(SharingGroupRepository groups, RecordedTransactions transactions, GroupViews views, ReadModelChange change) {
        this.groups = groups;
        this.transactions = transactions;
        this.views = views;
        this.change = change;
    }

    @EventHandler
    void on(GroupCreated event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            if (groups.findById(event.groupId()).isPresent()) {
                return List.of();
            }
            groups.save(new SharingGroup(event.groupId(), event.name(), event.creatorId(), at, ReadModelChange.index(token)));
            return toMembers(event.groupId());
        });
    }

    @EventHandler
    void on(GroupMemberInvited event, TrackingToken token) {
        changeGroup(event.groupId(), token, g -> g.invited(event.invitationId(), event.email(), event.invitedBy(), ReadModelChange.index(token)));
    }

    @EventHandler
    void on(GroupMemberJoined event, TrackingToken token) {
        changeGroup(event.groupId(), token, g -> g.joined(event.userId(), event.invitationId(), ReadModelChange.index(token)));
    }

    @EventHandler
    void on(GroupMemberLeft event, TrackingToken token) {
        gone(event.groupId(), event.userId(), SharingGroup.LEFT, token);
    }

    @EventHandler
    void on(GroupMemberRemoved event, TrackingToken token) {
        gone(event.groupId(), event.userId(), SharingGroup.REMOVED, token);
    }

    @EventHandler
    void on(ExpenseGroupChanged event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> transactions.find(event.transactionId()).filter(t -> t.accepts(ReadModelChange.index(token))).map(t -> {
            String before = t.groupId();
            t.inGroup(event.groupId(), at, ReadModelChange.index(token));
            List<FeedUpdate> updates = new ArrayList<>();
            if (before != null) {
                updates.addAll(toMembers(before));
            }
            if (event.groupId() != null && !Objects.equals(before, event.groupId())) {
                updates.addAll(toMembers(event.groupId()));
            }
            return updates;
        }).orElse(List.of()));
    }

    @EventHandler
    void on(ExpenseShared event, TrackingToken token) {
        expenseChanged(event.transactionId(), token);
    }

    @EventHandler
    void on(ExpenseUnshared event, TrackingToken token) {
        expenseChanged(event.transactionId(), token);
    }

    @EventHandler
    void on(TransactionAmended event, TrackingToken token) {
        expenseChanged(event.transactionId(), token);
    }

    @EventHandler
    void on(TransactionDeleted event, TrackingToken token) {
        expenseChanged(event.transactionId(), token);
    }

    @EventHandler
    void on(TransactionRestored event, TrackingToken token) {
        expenseChanged(event.transactionId(), token);
    }

    /** The group's balances may have moved: its members get it as it stands at commit. */
    private void expenseChanged(String transactionId, TrackingToken token) {
        change.apply(token, () -> transactions.find(transactionId)
                .filter(t -> t.groupId() != null)
                .map(t -> toMembers(t.groupId()))
                .orElse(List.of()));
    }

    private void changeGroup(String groupId, TrackingToken token, Consumer<SharingGroup> changeIt) {
        change.apply(token, () -> groups.findById(groupId).filter(g -> g.accepts(ReadModelChange.index(token))).map(g -> {
            changeIt.accept(g);
            return toMembers(groupId);
        }).orElse(List.of()));
    }

    private void gone(String groupId, String userId, String how, TrackingToken token) {
        change.apply(token, () -> groups.findById(groupId).filter(g -> g.accepts(ReadModelChange.index(token))).map(g -> {
            g.gone(userId, how, ReadModelChange.index(token));
            List<FeedUpdate> updates = new ArrayList<>(toMembers(groupId));
            // a state update too, so it comes after any group:updated of the same commit that still reached them
            GroupView.Removed removed = new GroupView.Removed(groupId, ReadModelChange.index(token), how);
            updates.add(FeedUpdate.state(userId, FeedEvents.GROUP_REMOVED, groupId, () -> removed));
            return updates;
        }).orElse(List.of()));
    }

    /** The group as it stands at commit, for each of its members now (payments in a group move its balances too). */
    public List<FeedUpdate> toMembers(String groupId) {
        return groups.findById(groupId).map(g -> g.currentMembers().stream()
                        .map(user -> FeedUpdate.state(user, FeedEvents.GROUP_UPDATED, groupId, () -> views.atCommit(groupId)))
                        .toList())
                .orElse(List.of());
    }
}
