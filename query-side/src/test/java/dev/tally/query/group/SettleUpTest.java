package dev.tally.query.group;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettleUpTest {

    @Test
    void theOneWhoOwesMostPaysTheOneOwedMost() {
        assertThat(SettleUp.transfers(Map.of("alice", 180L, "bob", -60L, "carol", -120L)))
                .containsExactly(new SettleUp.Transfer("carol", "alice", 120), new SettleUp.Transfer("bob", "alice", 60));
        assertThat(SettleUp.transfers(Map.of("a", 50L, "b", 50L, "c", -100L)))
                .containsExactly(new SettleUp.Transfer("c", "a", 50), new SettleUp.Transfer("c", "b", 50));
        assertThat(SettleUp.transfers(Map.of("a", 0L, "b", 0L))).isEmpty();
    }

    @Test
    void theSameBalancesGiveTheSameTransfersInWhateverOrderTheyCome() {
        Map<String, Long> one = new LinkedHashMap<>();
        one.put("d", -30L);
        one.put("a", 10L);
        one.put("c", 10L);
        one.put("b", 10L);
        Map<String, Long> other = new HashMap<>(Map.of("b", 10L, "c", 10L, "a", 10L, "d", -30L));
        assertThat(SettleUp.transfers(one)).isEqualTo(SettleUp.transfers(other))
                .containsExactly(new SettleUp.Transfer("d", "a", 10), new SettleUp.Transfer("d", "b", 10), new SettleUp.Transfer("d", "c", 10));
    }

    @Test
    void everyBalanceIsSettledWithFewerTransfersThanPeopleAndNobodyBothPaysAndIsPaid() {
        Random random = new Random(16);
        for (int round = 0; round < 500; round++) {
            int people = 2 + random.nextInt(9);
            Map<String, Long> net = new HashMap<>();
            long sum = 0;
            for (int i = 1; i < people; i++) {
                long amount = random.nextInt(20001) - 10000;
                net.put("u" + i, amount);
                sum += amount;
            }
            net.put("u0", -sum);
            List<SettleUp.Transfer> transfers = SettleUp.transfers(net);
            Map<String, Long> after = new HashMap<>(net);
            for (SettleUp.Transfer t : transfers) {
                assertThat(t.amountMinor()).isPositive();
                after.merge(t.from(), t.amountMinor(), Long::sum);
                after.merge(t.to(), -t.amountMinor(), Long::sum);
            }
            assertThat(after.values()).allMatch(v -> v == 0);
            assertThat(transfers.size()).isLessThan(people);
            assertThat(transfers.stream().map(SettleUp.Transfer::from)).doesNotContainAnyElementsOf(transfers.stream().map(SettleUp.Transfer::to).toList());
        }
    }

    @Test
    void balancesThatDoNotSumToZeroAreRefused() {
        assertThatThrownBy(() -> SettleUp.transfers(Map.of("a", 10L, "b", -5L))).isInstanceOf(IllegalArgumentException.class);
    }
}
