package dev.tally.command.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bookings of an OFX or QFX statement (OFX 1.x SGML, whose tags need not close, and OFX 2.x XML alike):
 * each {@code <STMTTRN>} with its {@code DTPOSTED}, {@code TRNAMT}, {@code FITID}, {@code NAME} and {@code MEMO}.
 * Written here rather than taken from a library: the few maintained OFX libraries for Java parse the whole
 * specification into object trees, and these five fields of one aggregate are all an import needs.
 */
final class OfxStatements {

    private static final Pattern TRANSACTION = Pattern.compile("<STMTTRN>(.*?)(</STMTTRN>|(?=<STMTTRN>)|(?=</BANKTRANLIST>)|$)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern FIELD = Pattern.compile("<([A-Z0-9.]+)>([^<\\r\\n]*)", Pattern.CASE_INSENSITIVE);

    private OfxStatements() {
    }

    static Statement read(String content) {
        if (!content.contains("<OFX>") && !content.contains("<ofx>")) {
            throw new BadFile("it is not an OFX or QFX statement (no <OFX> element)");
        }
        List<StatementLine> lines = new ArrayList<>();
        List<Statement.Refused> refused = new ArrayList<>();
        Matcher transaction = TRANSACTION.matcher(content);
        int line = 1;
        int counted = 0;
        while (transaction.find()) {
            line += newlines(content, counted, transaction.start());
            counted = transaction.start();
            String date = null;
            String amount = null;
            String fitId = null;
            String name = null;
            String memo = null;
            Matcher field = FIELD.matcher(transaction.group(1));
            while (field.find()) {
                String value = field.group(2).strip();
                switch (field.group(1).toUpperCase()) {
                    case "DTPOSTED" -> date = value;
                    case "TRNAMT" -> amount = value;
                    case "FITID" -> fitId = value;
                    case "NAME" -> name = unescape(value);
                    case "MEMO" -> memo = unescape(value);
                    default -> { }
                }
            }
            try {
                lines.add(new StatementLine(line, date(date), BankAmounts.parse(amount, '.'), memo == null ? name : memo,
                        memo == null ? null : name, fitId == null || fitId.isBlank() ? null : fitId));
            } catch (NumberFormatException | CsvStatements.RowError e) {
                refused.add(new Statement.Refused(line, e.getMessage()));
            }
        }
        if (lines.isEmpty() && refused.isEmpty()) {
            throw new BadFile("the statement holds no transactions (<STMTTRN>)");
        }
        return new Statement(lines, refused);
    }

    /** DTPOSTED is yyyyMMdd, perhaps followed by a time and zone ("20261103120000.000[-5:EST]"): the day is what counts. */
    private static LocalDate date(String text) {
        if (text == null || text.length() < 8) {
            throw new CsvStatements.RowError("DTPOSTED is missing or not a date");
        }
        try {
            return LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(4, 6)), Integer.parseInt(text.substring(6, 8)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new CsvStatements.RowError("DTPOSTED \"" + text + "\" is not a date");
        }
    }

    private static String unescape(String s) {
        return s.isEmpty() ? null : s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static int newlines(String content, int from, int to) {
        int line = 0;
        for (int i = from; i < to; i++) {
            if (content.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
