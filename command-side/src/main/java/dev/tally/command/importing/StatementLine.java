package dev.tally.command.importing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One booking read from a bank file, before it is a transaction. {@code amount} is signed as the account sees it:
 * negative is money out (an expense), positive money in (an income). {@code bankId} is the file's own id for it (OFX
 * FITID, a CSV id column), when it has one. {@code line} is where it starts in the file, for reports.
 */
record StatementLine(int line, LocalDate date, BigDecimal amount, String description, String merchant, String bankId) {
}
