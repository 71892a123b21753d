package dev.tally.query.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * "Simplify debts": transfers that bring every net balance of one currency to zero. Greedy: the one who owes most
 * pays the one owed most, as much as one of them needs, until nobody owes anything; ties go by user id. So the same
 * balances always give the same transfers, there are at most (people - 1) of them, and nobody both pays and is paid.
 * (The least possible number of transfers is an NP-hard problem in general; this is what Splitwise-type apps do.)
 */
public final class SettleUp {

    private SettleUp() {
    }

    /** {@code amountMinor} from {@code from} to {@code to}. */
    public record Transfer(String from, String to, long amountMinor) {
    }

    /** @param net per user: positive when others owe them, negative when they owe; must sum to zero */
    public static List<Transfer> transfers(Map<String, Long> net) {
        if (net.values().stream().mapToLong(Long::longValue).sum() != 0) {
            throw new IllegalArgumentException("balances must sum to zero: " + net);
        }
        List<long[]> creditors = new ArrayList<>();
        List<long[]> debtors = new ArrayList<>();
        List<String> ids = net.keySet().stream().sorted().toList();
        for (int i = 0; i < ids.size(); i++) {
            long amount = net.get(ids.get(i));
            if (amount > 0) {
                creditors.add(new long[]{i, amount});
            } else if (amount < 0) {
                debtors.add(new long[]{i, -amount});
            }
        }
        Comparator<long[]> largestFirst = Comparator.<long[]>comparingLong(e -> -e[1]).thenComparingLong(e -> e[0]);
        List<Transfer> transfers = new ArrayList<>();
        while (!creditors.isEmpty() && !debtors.isEmpty()) {
            creditors.sort(largestFirst);
            debtors.sort(largestFirst);
            long[] creditor = creditors.get(0);
            long[] debtor = debtors.get(0);
            long amount = Math.min(creditor[1], debtor[1]);
            transfers.add(new Transfer(ids.get((int) debtor[0]), ids.get((int) creditor[0]), amount));
            creditor[1] -= amount;
            debtor[1] -= amount;
            if (creditor[1] == 0) {
                creditors.remove(0);
            }
            if (debtor[1] == 0) {
                debtors.remove(0);
            }
        }
        return transfers;
    }
}
