package dev.tally.command.importing;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts as bank files write them ("-1.234,56", "1 234.56", "(12.00)", "12.00-", "+5"): grouping and spaces dropped,
 * the decimal separator made a point, a sign in front, behind or as parentheses. The result is exact; whether it fits
 * the account's currency is checked when it becomes money.
 */
final class BankAmounts {

    private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private BankAmounts() {
    }

    /** @throws NumberFormatException with a sentence for the report */
    static BigDecimal parse(String text, char decimalSeparator) {
        if (text == null || text.isBlank()) {
            throw new NumberFormatException("the amount is empty");
        }
        String s = text.strip().replace("\u00a0", "").replace(" ", "").replace("'", "");
        boolean negative = false;
        if (s.startsWith("(") && s.endsWith(")")) {
            negative = true;
            s = s.substring(1, s.length() - 1);
        }
        if (s.startsWith("-") || s.startsWith("+")) {
            negative ^= s.startsWith("-");
            s = s.substring(1);
        } else if (s.endsWith("-") || s.endsWith("+")) {
            negative ^= s.endsWith("-");
            s = s.substring(0, s.length() - 1);
        }
        char grouping = decimalSeparator == ',' ? '.' : ',';
        s = s.replace(String.valueOf(grouping), "");
        if (decimalSeparator == ',') {
            s = s.replace(',', '.');
        }
        if (!PLAIN.matcher(s).matches() || s.length() > 30) {
            throw new NumberFormatException("\"" + text.strip() + "\" is not an amount with '" + decimalSeparator + "' as decimal separator");
        }
        BigDecimal value = new BigDecimal(s);
        return negative ? value.negate() : value;
    }
}
