package dev.tally.command.importing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.InvalidRequest;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a bank's CSV export reads: which column holds what (by header name, or by 1-based number when the file has no
 * header line), how dates and decimals are written, and which sign is money out. Either one signed {@code amount}
 * column, or {@code debit} (money out) and {@code credit} (money in) columns. Saved under a name as a profile and
 * used again for the next file from the same bank.
 *
 * @param sign {@code NEGATIVE_IS_EXPENSE} (most bank accounts) or {@code POSITIVE_IS_EXPENSE} (many card statements)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CsvMapping(String delimiter, Boolean header, String date, String amount, String debit, String credit,
                         String description, String merchant, String id, String dateFormat, String decimalSeparator, Sign sign) {

    public enum Sign { NEGATIVE_IS_EXPENSE, POSITIVE_IS_EXPENSE }

    char delimiterChar() {
        return delimiter == null || delimiter.isEmpty() ? ',' : "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0);
    }

    boolean hasHeader() {
        return header == null || header;
    }

    DateTimeFormatter dateFormatter() {
        return bankDates(dateFormat, "yyyy-MM-dd");
    }

    /**
     * A bank file's dates read strictly: 30.02.2026 is refused, not taken for the 28th as Java's default (smart)
     * resolving would. Strict resolving needs the proleptic year ({@code u}) where people write {@code y}, the year of
     * an era that the pattern does not name.
     */
    static DateTimeFormatter bankDates(String pattern, String fallback) {
        String given = pattern == null || pattern.isBlank() ? fallback : pattern;
        StringBuilder strict = new StringBuilder(given.length());
        boolean quoted = false;
        for (char c : given.toCharArray()) {
            quoted ^= c == '\'';
            strict.append(!quoted && c == 'y' ? 'u' : c);
        }
        return DateTimeFormatter.ofPattern(given.matches(".*G.*") ? given : strict.toString(), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    char decimalChar() {
        return decimalSeparator == null || decimalSeparator.isEmpty() ? '.' : decimalSeparator.charAt(0);
    }

    Sign signOrDefault() {
        return sign == null ? Sign.NEGATIVE_IS_EXPENSE : sign;
    }

    /** Refuses a mapping that cannot work whatever the file, naming each field at fault ({@code mapping.date} …). */
    CsvMapping check() {
        List<FieldError> errors = new ArrayList<>();
        if (blank(date)) {
            errors.add(new FieldError("mapping.date", "names the column with the booking date"));
        }
        boolean signed = !blank(amount);
        boolean split = !blank(debit) || !blank(credit);
        if (signed == split || split && (blank(debit) || blank(credit))) {
            errors.add(new FieldError("mapping.amount", "name either one signed amount column, or both debit and credit columns"));
        }
        // a line break can only end a record: the CSV reader refuses it as a delimiter
        if (delimiter != null && (!(delimiter.length() == 1 || "\\t".equals(delimiter)) || "\"".equals(delimiter) || "\n".equals(delimiter))) {
            errors.add(new FieldError("mapping.delimiter", "must be one character (\\t for a tab), not a quote or a line break"));
        }
        if (decimalSeparator != null && !(".".equals(decimalSeparator) || ",".equals(decimalSeparator))) {
            errors.add(new FieldError("mapping.decimalSeparator", "must be . or ,"));
        }
        FieldError dateFormat = dateFormatError();
        if (dateFormat != null) {
            errors.add(dateFormat);
        }
        if (!hasHeader()) {
            for (String column : new String[]{date, amount, debit, credit, description, merchant, id}) {
                if (!blank(column) && !column.matches("[1-9][0-9]{0,2}")) {
                    errors.add(new FieldError("mapping", "without a header line, columns are numbers from 1; \"" + column + "\" is not"));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return this;
    }

    /** A QIF file reads only the date pattern of a mapping: refused as {@link #check} refuses it, the rest unread. */
    void checkDateFormat() {
        FieldError dateFormat = dateFormatError();
        if (dateFormat != null) {
            throw new InvalidRequest(List.of(dateFormat));
        }
    }

    private FieldError dateFormatError() {
        try {
            dateFormatter();
            return null;
        } catch (IllegalArgumentException e) {
            return new FieldError("mapping.dateFormat", "is not a date pattern such as dd.MM.yyyy or MM/dd/yyyy");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
