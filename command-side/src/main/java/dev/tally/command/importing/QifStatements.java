package dev.tally.command.importing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a QIF bank, cash or card register: records of lines, each led by a code ({@code D} date, {@code T} amount,
 * {@code P} payee, {@code M} memo), ended by {@code ^}. QIF has no ids, so duplicates are found by
 * the hash of account, date, amount and text. Its dates follow the exporting program's locale; the default is the
 * US {@code M/d/yyyy} (also {@code M/d'yy}), others are given as the mapping's {@code dateFormat}. Written here: the
 * format is a few line codes, and no maintained Java library reads it.
 */
final class QifStatements {

    private QifStatements() {
    }

    static Statement read(String content, String dateFormat) {
        DateTimeFormatter dates = CsvMapping.bankDates(dateFormat, "M/d/yyyy");
        String[] rows = content.replace("\uFEFF", "").split("\r?\n");
        if (rows.length == 0 || !rows[0].strip().regionMatches(true, 0, "!Type:", 0, 6)) {
            throw new BadFile("it is not a QIF register (the first line must be !Type:Bank, !Type:CCard or !Type:Cash)");
        }
        List<StatementLine> lines = new ArrayList<>();
        List<Statement.Refused> refused = new ArrayList<>();
        String date = null;
        String amount = null;
        String payee = null;
        String memo = null;
        int start = 0;
        for (int i = 1; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty()) {
                continue;
            }
            if (start == 0) {
                start = i + 1;
            }
            char code = row.charAt(0);
            String value = row.substring(1).strip();
            switch (code) {
                case 'D' -> date = value;
                case 'T', 'U' -> amount = value;
                case 'P' -> payee = value.isEmpty() ? null : value;
                case 'M' -> memo = value.isEmpty() ? null : value;
                case '^' -> {
                    try {
                        lines.add(new StatementLine(start, date(date, dates, dateFormat == null || dateFormat.isBlank()),
                                BankAmounts.parse(amount, '.'), memo == null ? payee : memo, memo == null ? null : payee, null));
                    } catch (NumberFormatException | CsvStatements.RowError e) {
                        refused.add(new Statement.Refused(start, e.getMessage()));
                    }
                    date = amount = payee = memo = null;
                    start = 0;
                }
                case '!' -> throw new BadFile("line " + (i + 1) + ": only one register per file can be imported (" + row + ")");
                default -> { } // categories (L), splits (S, E, $), cleared status (C) and addresses (A) are not imported
            }
        }
        if (date != null || amount != null) {
            throw new BadFile("the last record (from line " + start + ") does not end with ^; the file may be cut short");
        }
        if (lines.isEmpty() && refused.isEmpty()) {
            throw new BadFile("the register holds no records");
        }
        return new Statement(lines, refused);
    }

    private static LocalDate date(String text, DateTimeFormatter dates, boolean us) {
        if (text == null || text.isBlank()) {
            throw new CsvStatements.RowError("the record has no date (D)");
        }
        String normalized = text;
        if (us) { // Quicken writes 12/31'26 for 2026 and pads with spaces: 1/ 2/2026
            normalized = text.replace(" ", "");
            int apostrophe = normalized.indexOf('\'');
            if (apostrophe > 0) {
                normalized = normalized.substring(0, apostrophe) + "/20" + normalized.substring(apostrophe + 1);
            }
        }
        try {
            return LocalDate.parse(normalized, dates);
        } catch (DateTimeParseException e) {
            throw new CsvStatements.RowError("\"" + text + "\" is not a date" + (us ? " such as 12/31/2026" : " in the format given"));
        }
    }
}
