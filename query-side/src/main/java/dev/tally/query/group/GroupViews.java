package dev.tally.query.group;

import dev.tally.api.money.Money;
import dev.tally.query.currency.Conversion;
import dev.tally.query.currency.HomeAmount;
import dev.tally.query.expense.ExpenseViews;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds {@link GroupView}s: balances are summed from the group's expenses that are not deleted and its payments. */
@Component
public class GroupViews {

    private final EntityManager em;
    private final ExpenseViews views;

    public GroupViews(EntityManager em, ExpenseViews views) {
        this.em = em;
        this.views = views;
    }

    /**
     * The group as a projection transaction commits it into members' feeds. Its row is locked and read again first:
     * a group's own events and the expenses and payments in it are projected on different segments, and without the
     * lock a transaction that read before another committed could push balances older than the other's, last.
     */
    public GroupView atCommit(String groupId) {
        em.flush();
        SharingGroup group = em.find(SharingGroup.class, groupId);
        if (group == null) {
            throw new IllegalStateException("unknown group " + groupId);
        }
        em.refresh(group, LockModeType.PESSIMISTIC_WRITE);
        return view(group);
    }

    /**
     * The group as {@code reader} reads it: beside the per-currency figures, their own balance summed in their home
     * currency ({@code home}) and each balance line converted on its own, all at the rates {@code conversion} names.
     */
    public GroupView view(SharingGroup group, String reader, Conversion conversion) {
        GroupView v = view(group);
        List<GroupView.BalanceView> balances = v.balances().stream().map(b -> new GroupView.BalanceView(b.userId(), b.displayName(),
                b.amount(), HomeAmount.of(conversion.afresh(), b.amount()))).toList();
        HomeAmount mine = HomeAmount.sum(conversion.afresh(),
                v.balances().stream().filter(b -> b.userId().equals(reader)).map(GroupView.BalanceView::amount).toList());
        return new GroupView(v.id(), v.version(), v.name(), v.createdBy(), v.createdAt(), v.members(), v.invitations(), balances,
                v.settleUp(), mine);
    }

    /** The group as it goes into every member's feed: the same for all, so without anyone's home currency. */
    public GroupView view(SharingGroup group) {
        Map<String, Map<String, Long>> net = balances(group.groupId()); // currency -> user -> minor units owed to them
        Set<String> people = new HashSet<>(group.statuses().keySet());
        group.invitations().forEach(i -> people.add(i.invitedBy()));
        net.values().forEach(byUser -> people.addAll(byUser.keySet()));
        Map<String, String> names = views.names(people);
        List<GroupView.MemberView> members = group.statuses().entrySet().stream()
                .map(e -> new GroupView.MemberView(e.getKey(), names.get(e.getKey()), e.getValue())).toList();
        List<GroupView.InvitationView> invitations = group.invitations().stream()
                .map(i -> new GroupView.InvitationView(i.invitationId(), i.email(), i.invitedBy(),
                        i.acceptedBy() == null ? "pending" : "accepted", i.acceptedBy())).toList();
        List<GroupView.BalanceView> balances = new ArrayList<>();
        List<GroupView.TransferView> transfers = new ArrayList<>();
        net.forEach((currency, byUser) -> {
            byUser.forEach((user, minor) -> balances.add(new GroupView.BalanceView(user, names.get(user), new Money(minor, currency), null)));
            SettleUp.transfers(byUser).forEach(t -> transfers.add(new GroupView.TransferView(t.from(), names.get(t.from()), t.to(),
                    names.get(t.to()), new Money(t.amountMinor(), currency))));
        });
        return new GroupView(group.groupId(), group.version(), group.name(), group.creatorId(), group.createdAt(), members, invitations, balances, transfers, null);
    }

    /**
     * Per currency, each person's net: what the others' shares of what they paid come to, less their shares of what
     * others paid, plus the payments they made in the group, less those they received (disputed ones do not count).
     */
    private Map<String, Map<String, Long>> balances(String groupId) {
        Map<String, Map<String, Long>> net = new TreeMap<>();
        em.createQuery("""
                        select t.ownerId, s.userId, t.currency, sum(s.amountMinor) from Transaction t join t.shares s
                        where t.groupId = :group and s.userId <> t.ownerId and t.splitMethod is not null and t.deleted = false
                        group by t.ownerId, s.userId, t.currency""", Object[].class)
                .setParameter("group", groupId).getResultList()
                .forEach(r -> {
                    long minor = ((Number) r[3]).longValue();
                    Map<String, Long> byUser = net.computeIfAbsent((String) r[2], c -> new TreeMap<>());
                    byUser.merge((String) r[0], minor, Long::sum);
                    byUser.merge((String) r[1], -minor, Long::sum);
                });
        em.createQuery("""
                        select p.payerId, p.payeeId, p.currency, sum(p.amountMinor) from Payment p
                        where p.groupId = :group and p.disputed = false and p.deleted = false
                        group by p.payerId, p.payeeId, p.currency""", Object[].class)
                .setParameter("group", groupId).getResultList()
                .forEach(r -> {
                    long minor = ((Number) r[3]).longValue();
                    Map<String, Long> byUser = net.computeIfAbsent((String) r[2], c -> new TreeMap<>());
                    byUser.merge((String) r[0], minor, Long::sum); // the payer owes that much less
                    byUser.merge((String) r[1], -minor, Long::sum); // the payee is owed that much less
                });
        return net;
    }
}
