package dev.tally.command.currency;

import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.RuleViolation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the ECB's reference-rate CSV: {@code eurofxref-hist.csv} ({@code Date,USD,JPY,…,} then {@code 2026-12-04,1.0856,…,})
 * or the day's {@code eurofxref.csv} ({@code Date, USD, …} then {@code 04 December 2026, 1.0856, …}). A rate of
 * {@code N/A} or an empty cell means the currency was not quoted that day and is left out. A file with any line it
 * cannot read is refused whole, naming the line, so nothing of a bad file is loaded.
 */
public final class EcbRatesFile {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern RATE = Pattern.compile("[0-9]{1,10}(\\.[0-9]{1,10})?");
    private static final DateTimeFormatter DAILY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private EcbRatesFile() {
    }

    public static List<PublishExchangeRates> parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw bad(1, "the file is empty");
        }
        List<String> header = cells(stripBom(lines.get(0)));
        if (!header.get(0).equals("Date") || header.size() < 2) {
            throw bad(1, "the first line must be the header Date,USD,JPY,… (the ECB's eurofxref layout)");
        }
        List<String> currencies = header.subList(1, header.size());
        Set<String> seen = new HashSet<>();
        for (String code : currencies) {
            if (!CODE.matcher(code).matches() || !seen.add(code)) {
                throw bad(1, "the header's currency columns must be distinct ISO codes such as USD; got " + code);
            }
        }
        List<PublishExchangeRates> days = new ArrayList<>();
        Set<LocalDate> dates = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int line = i + 1;
            List<String> row = cells(lines.get(i));
            if (row.size() > header.size()) {
                throw bad(line, "has " + (row.size() - 1) + " rates for " + currencies.size() + " currencies");
            }
            LocalDate day = date(row.get(0), line);
            if (!dates.add(day)) {
                throw bad(line, day + " appears twice in the file");
            }
            Map<String, BigDecimal> perEuro = new LinkedHashMap<>();
            for (int c = 1; c < row.size(); c++) {
                String cell = row.get(c);
                if (cell.isEmpty() || cell.equals("N/A")) {
                    continue;
                }
                if (!RATE.matcher(cell).matches()) {
                    throw bad(line, currencies.get(c - 1) + "'s rate " + cell + " is not a decimal number such as 1.0856");
                }
                perEuro.put(currencies.get(c - 1), new BigDecimal(cell));
            }
            if (!perEuro.isEmpty()) {
                days.add(PublishExchangeRates.of(day, perEuro));
            }
        }
        if (days.isEmpty()) {
            throw bad(lines.size(), "the file has no rates");
        }
        return days;
    }

    /** Cells trimmed; the trailing empty cell the ECB's lines end with ({@code …,1.0856,}) is dropped. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>(List.of(line.split(",", -1))).stream().map(String::trim)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (cells.size() > 1 && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        return cells;
    }

    private static LocalDate date(String text, int line) {
        try {
            return text.contains("-") ? LocalDate.parse(text) : LocalDate.parse(text, DAILY);
        } catch (DateTimeParseException e) {
            throw bad(line, "the date " + text + " is neither 2026-12-04 nor 04 December 2026");
        }
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static RuleViolation bad(int line, String reason) {
        String message = "line " + line + ": " + reason;
        return new RuleViolation("bad_file", "The rates file cannot be loaded: " + message, List.of(new FieldError("content", message)));
    }
}
