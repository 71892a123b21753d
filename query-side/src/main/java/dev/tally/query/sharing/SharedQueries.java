package dev.tally.query.sharing;

import dev.tally.api.money.Money;
import dev.tally.query.currency.HomeAmount;
import dev.tally.query.currency.HomeCurrencies;
import dev.tally.query.expense.ExpenseViews;
import dev.tally.query.expense.Transaction;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shared expenses and the balances between people, summed from the shares of expenses that are not deleted and the
 * payments that count (settling up).
 */
@Component
public class SharedQueries {

    private final EntityManager em;
    private final ExpenseViews views;
    private final HomeCurrencies homeCurrencies;

    public SharedQueries(EntityManager em, ExpenseViews views, HomeCurrencies homeCurrencies) {
        this.em = em;
        this.views = views;
        this.homeCurrencies = homeCurrencies;
    }

    /** Shared expenses the user paid ({@code paid}), takes part in ({@code participating}) or both ({@code null}). */
    public List<Transaction> expenses(String userId, String role) {
        String paid = "t.ownerId = :user";
        String participating = "exists (select 1 from Transaction t2 join t2.shares s where t2.transactionId = t.transactionId and s.userId = :user) and t.ownerId <> :user";
        String which = role == null ? "(" + paid + " or " + participating + ")" : role.equals("paid") ? paid : participating;
        return em.createQuery("select t from Transaction t where t.splitMethod is not null and t.deleted = false and " + which
                        + " order by t.date desc, t.transactionId desc", Transaction.class)
                .setParameter("user", userId).getResultList();
    }

    public List<SharedBalance> balances(String userId) {
        Map<String, Map<String, Long>> owed = new TreeMap<>(); // other user -> currency -> minor units they owe the user
        // others' parts of what the user paid
        em.createQuery("""
                        select s.userId, t.currency, sum(s.amountMinor) from Transaction t join t.shares s
                        where t.ownerId = :user and s.userId <> :user and t.splitMethod is not null and t.deleted = false
                        group by s.userId, t.currency""", Object[].class)
                .setParameter("user", userId).getResultList()
                .forEach(r -> add(owed, (String) r[0], (String) r[1], ((Number) r[2]).longValue()));
        // the user's parts of what others paid
        em.createQuery("""
                        select t.ownerId, t.currency, sum(s.amountMinor) from Transaction t join t.shares s
                        where s.userId = :user and t.ownerId <> :user and t.splitMethod is not null and t.deleted = false
                        group by t.ownerId, t.currency""", Object[].class)
                .setParameter("user", userId).getResultList()
                .forEach(r -> add(owed, (String) r[0], (String) r[1], -((Number) r[2]).longValue()));
        // payments that count (not disputed, not deleted): paying someone lowers what one owes them
        em.createQuery("""
                        select p.payerId, p.payeeId, p.currency, sum(p.amountMinor) from Payment p
                        where (p.payerId = :user or p.payeeId = :user) and p.disputed = false and p.deleted = false
                        group by p.payerId, p.payeeId, p.currency""", Object[].class)
                .setParameter("user", userId).getResultList()
                .forEach(r -> {
                    long minor = ((Number) r[3]).longValue();
                    boolean paidByUser = userId.equals(r[0]);
                    add(owed, (String) (paidByUser ? r[1] : r[0]), (String) r[2], paidByUser ? minor : -minor);
                });
        Set<String> people = new HashSet<>(owed.keySet());
        Map<String, String> names = views.names(people);
        List<SharedBalance> balances = new ArrayList<>();
        owed.forEach((other, byCurrency) -> byCurrency.forEach((currency, minor) -> balances.add(new SharedBalance(other,
                names.get(other), new Money(minor, currency), minor > 0 ? "owes_you" : minor < 0 ? "you_owe" : "settled",
                // a conversion each, so one currency without a rate leaves the others' home amounts standing
                HomeAmount.of(homeCurrencies.today(userId), new Money(minor, currency))))));
        return balances;
    }

    private static void add(Map<String, Map<String, Long>> owed, String other, String currency, long minor) {
        owed.computeIfAbsent(other, o -> new TreeMap<>()).merge(currency, minor, Long::sum);
    }
}
