package dev.tally.query.expense;

import dev.tally.query.web.Dates;
import dev.tally.query.web.InvalidQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The orders the transaction list offers; {@code -} in front means descending. Ties are broken by id. A cursor's value
 * is parsed as the sort's type and, for days and instants, kept to what PostgreSQL holds.
 */
public enum TransactionSort {
    DATE("date", "date", Transaction::date, s -> Dates.check("cursor", LocalDate.parse(s))),
    AMOUNT("amount", "amountMinor", Transaction::amount, Long::valueOf),
    RECORDED_AT("recordedAt", "recordedAt", Transaction::recordedAt, s -> Dates.check("cursor", Instant.parse(s)));

    final String parameter;
    final String attribute;
    private final Function<Transaction, Object> value;
    final Function<String, Comparable<?>> parse;

    TransactionSort(String parameter, String attribute, Function<Transaction, Object> value, Function<String, Comparable<?>> parse) {
        this.parameter = parameter;
        this.attribute = attribute;
        this.value = value;
        this.parse = parse;
    }

    String valueOf(Transaction t) {
        Object v = value.apply(t);
        return v instanceof dev.tally.api.money.Money m ? Long.toString(m.minorUnits()) : v.toString();
    }

    /** @return the sort and whether it is descending */
    static Order parse(String text) {
        String spec = text == null || text.isBlank() ? "-date" : text.trim();
        boolean descending = spec.startsWith("-");
        String name = descending ? spec.substring(1) : spec;
        return Arrays.stream(values()).filter(s -> s.parameter.equals(name)).findFirst()
                .map(s -> new Order(s, descending))
                .orElseThrow(() -> new InvalidQuery("sort", "must be one of " + Arrays.stream(values())
                        .map(s -> s.parameter + ", -" + s.parameter).collect(Collectors.joining(", "))));
    }

    record Order(TransactionSort sort, boolean descending) {
    }
}
