package dev.tally.api.money;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Splits a total of minor units by weights so the parts always sum to the total (largest remainder method). */
public final class Apportion {

    private Apportion() {
    }

    /**
     * @param total   minor units to split (may be negative)
     * @param weights non-negative weights with a positive sum
     * @return one part per weight, in the same order; ties in the remainder go to the earlier weight
     */
    public static List<Long> largestRemainder(long total, List<Long> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("nothing to split between");
        }
        BigInteger sum = weights.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        if (weights.stream().anyMatch(w -> w < 0) || sum.signum() <= 0) {
            throw new IllegalArgumentException("weights must be non-negative with a positive sum");
        }
        long sign = total < 0 ? -1 : 1;
        BigInteger magnitude = BigInteger.valueOf(total).abs();
        List<Long> parts = new ArrayList<>(weights.size());
        List<BigInteger> remainders = new ArrayList<>(weights.size());
        long allotted = 0;
        for (long weight : weights) {
            BigInteger[] qr = magnitude.multiply(BigInteger.valueOf(weight)).divideAndRemainder(sum);
            parts.add(qr[0].longValueExact());
            remainders.add(qr[1]);
            allotted += qr[0].longValueExact();
        }
        long left = magnitude.longValueExact() - allotted;
        List<Integer> order = IntStream.range(0, weights.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> remainders.get(i)).reversed().thenComparing(i -> i))
                .toList();
        for (int k = 0; k < left; k++) {
            int i = order.get(k);
            parts.set(i, parts.get(i) + 1);
        }
        return parts.stream().map(p -> p * sign).toList();
    }
}
