package dev.tally.command.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a bank's CSV export with a {@link CsvMapping}; a row that cannot be read is refused, a file that cannot be read is a {@link BadFile}. */
final class CsvStatements {

    private CsvStatements() {
    }

    static Statement read(String content, CsvMapping mapping) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(mapping.delimiterChar()).setIgnoreEmptyLines(true)
                .setTrim(true).setHeader().setSkipHeaderRecord(true).get();
        if (!mapping.hasHeader()) {
            format = format.builder().setHeader((String[]) null).get();
        }
        List<StatementLine> lines = new ArrayList<>();
        List<Statement.Refused> refused = new ArrayList<>();
        DateTimeFormatter dates = mapping.dateFormatter();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(stripBom(content))).setFormat(format).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            Columns columns = new Columns(mapping, header);
            for (CSVRecord record : parser) {
                int line = (int) record.getRecordNumber() + (mapping.hasHeader() ? 1 : 0); // the file's line, for rows on one line each
                try {
                    lines.add(new StatementLine(line, date(columns.value(record, mapping.date()), dates),
                            amount(record, columns, mapping), text(columns.value(record, mapping.description())),
                            text(columns.value(record, mapping.merchant())), text(columns.value(record, mapping.id()))));
                } catch (RowError e) {
                    refused.add(new Statement.Refused(line, e.getMessage()));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // the reader's own words, not its exception's class (an UncheckedIOException's message is its cause's toString)
            Throwable reason = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw new BadFile("it is not CSV with '" + mapping.delimiterChar() + "' between fields (" + reason.getMessage() + ")");
        }
        if (lines.isEmpty() && refused.isEmpty()) {
            throw new BadFile("it holds no rows");
        }
        return new Statement(lines, refused);
    }

    private static BigDecimal amount(CSVRecord record, Columns columns, CsvMapping mapping) {
        try {
            if (!CsvMapping.blank(mapping.amount())) {
                BigDecimal value = BankAmounts.parse(columns.value(record, mapping.amount()), mapping.decimalChar());
                return mapping.signOrDefault() == CsvMapping.Sign.POSITIVE_IS_EXPENSE ? value.negate() : value;
            }
            String debit = columns.value(record, mapping.debit());
            String credit = columns.value(record, mapping.credit());
            BigDecimal out = debit == null || debit.isBlank() ? BigDecimal.ZERO : BankAmounts.parse(debit, mapping.decimalChar()).abs();
            BigDecimal in = credit == null || credit.isBlank() ? BigDecimal.ZERO : BankAmounts.parse(credit, mapping.decimalChar()).abs();
            return in.subtract(out);
        } catch (NumberFormatException e) {
            throw new RowError(e.getMessage());
        }
    }

    private static LocalDate date(String text, DateTimeFormatter dates) {
        if (text == null || text.isBlank()) {
            throw new RowError("the date is empty");
        }
        try {
            return LocalDate.parse(text, dates);
        } catch (DateTimeParseException e) {
            throw new RowError("\"" + text + "\" is not a date in the mapping's format");
        }
    }

    /** Text a Tally export guarded against spreadsheets ('=…) comes back as it was recorded. */
    static String text(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > 1 && t.charAt(0) == '\'' && "=+-@".indexOf(t.charAt(1)) >= 0 ? t.substring(1) : t;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** The mapping's columns found in the file: by header name, or by number from 1. */
    private record Columns(CsvMapping mapping, Map<String, Integer> header) {
        Columns {
            if (mapping.hasHeader()) {
                for (String column : new String[]{mapping.date(), mapping.amount(), mapping.debit(), mapping.credit(),
                        mapping.description(), mapping.merchant(), mapping.id()}) {
                    if (!CsvMapping.blank(column) && (header == null || !header.containsKey(column))) {
                        throw new BadFile("its header has no column \"" + column + "\" (it has " + (header == null ? "none" : header.keySet()) + ")");
                    }
                }
            }
        }

        String value(CSVRecord record, String column) {
            if (CsvMapping.blank(column)) {
                return null;
            }
            int index = mapping.hasHeader() ? header.get(column) : Integer.parseInt(column) - 1;
            if (index >= record.size()) {
                throw new RowError("it has " + record.size() + " fields, the mapping reads field " + (index + 1));
            }
            return record.get(index);
        }
    }

    /** Why one row is refused; the import goes on with the others. */
    static final class RowError extends RuntimeException {
        RowError(String message) {
            super(message, null, false, false);
        }
    }
}
