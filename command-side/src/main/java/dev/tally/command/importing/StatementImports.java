package dev.tally.command.importing;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.command.account.AccountLedger;
import dev.tally.command.account.AccountLedger.LedgerAccount;
import dev.tally.command.config.CommandSideConfiguration;
import dev.tally.command.dispatch.Commands;
import dev.tally.command.expense.DeleteTransaction;
import dev.tally.command.expense.RecordTransaction;
import dev.tally.platform.id.Ids;
import dev.tally.platform.security.Caller;
import dev.tally.platform.text.TextPolicy;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a bank file, sorts its rows into new, duplicate and refused, and records the new ones. An import is one
 * database transaction: its transactions, their balance postings, its dedup keys and its own event commit together or
 * not at all, so a file is never half imported and a failed one can simply be sent again.
 */
@Component
public class StatementImports {

    /** Rows a preview lists (its counts cover the whole file). */
    static final int PREVIEW_ROWS = 100;
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final AccountLedger ledger;
    private final ImportProfiles profiles;
    private final ImportedRows imported;
    private final Commands commands;
    private final TransactionTemplate transaction;
    private final Cache aggregates;
    private final Clock clock;

    StatementImports(AccountLedger ledger, ImportProfiles profiles, ImportedRows imported, Commands commands, PlatformTransactionManager transactions,
                     @Qualifier(CommandSideConfiguration.AGGREGATE_CACHE) Cache aggregates, Clock clock) {
        this.ledger = ledger;
        this.profiles = profiles;
        this.imported = imported;
        this.commands = commands;
        this.transaction = new TransactionTemplate(transactions);
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** A row as it would be recorded. */
    public record Row(int line, LocalDate date, TransactionType type, Money amount, String description, String merchant, boolean duplicate) {
    }

    public record Preview(String accountId, int rows, int newRows, int duplicates, List<RefusedRow> refused, List<Row> firstRows) {
    }

    public record Result(String importId, String accountId, int recorded, int duplicates, List<RefusedRow> refused) {
    }

    public Preview preview(Caller caller, ImportRequest request) {
        Sorted sorted = sort(caller, request);
        List<Row> first = new ArrayList<>();
        int duplicates = 0;
        for (Candidate c : sorted.candidates()) {
            boolean duplicate = c.duplicateInFile() || imported.known(request.accountId(), c.key());
            duplicates += duplicate ? 1 : 0;
            if (first.size() < PREVIEW_ROWS) {
                first.add(c.row(duplicate));
            }
        }
        return new Preview(request.accountId(), sorted.candidates().size() + sorted.refused().size(), sorted.candidates().size() - duplicates,
                duplicates, sorted.refused(), first);
    }

    public Result record(Caller caller, ImportRequest request) {
        Sorted sorted = sort(caller, request);
        String importId = Ids.next();
        MetaData naming = MetaData.with("importId", importId);
        try {
            return transaction.execute(tx -> {
                int recorded = 0;
                for (Candidate c : sorted.candidates()) {
                    String transactionId = Ids.next();
                    if (imported.claim(request.accountId(), c.key(), importId, transactionId)) {
                        commands.send(caller, null, "transaction", transactionId, new RecordTransaction(transactionId, caller.userId(), c.type(),
                                request.accountId(), null, c.amount().amount(), null, c.line().date(), c.description(), c.merchant(), List.of(), null), naming);
                        recorded++;
                    }
                }
                int duplicates = sorted.candidates().size() - recorded;
                commands.send(caller, null, "import", importId, new RecordImport(importId, caller.userId(), request.accountId(),
                        request.format().name(), request.fileName(), recorded, duplicates, sorted.refused()), naming);
                return new Result(importId, request.accountId(), recorded, duplicates, sorted.refused());
            });
        } catch (RuntimeException e) {
            forgetUncommittedAggregates();
            throw e;
        }
    }

    /** Deletes what the import recorded, all in one transaction; the transactions stay restorable one by one. */
    public int undo(Caller caller, String importId) {
        MetaData naming = MetaData.with("importId", importId);
        try {
            return transaction.execute(tx -> {
                List<String> transactions = imported.transactionsOf(importId);
                commands.send(caller, null, "import", importId, new UndoImport(importId, caller.userId(), transactions.size()), naming);
                for (String transactionId : transactions) {
                    commands.send(caller, null, "transaction", transactionId, new DeleteTransaction(transactionId, caller.userId(), null), naming);
                }
                imported.release(importId);
                return transactions.size();
            });
        } catch (RuntimeException e) {
            forgetUncommittedAggregates();
            throw e;
        }
    }

    /**
     * Each command of an import commits its own unit of work inside the import's transaction, and Axon caches the
     * account as that unit left it; when the import's transaction rolls back, those cached states never happened.
     */
    private void forgetUncommittedAggregates() {
        aggregates.removeAll();
    }

    private Sorted sort(Caller caller, ImportRequest request) {
        LedgerAccount account = ledger.find(request.accountId()).filter(a -> a.ownerId().equals(caller.userId()))
                .orElseThrow(() -> new RuleViolation("invalid_import", "accountId", "is not one of your accounts"));
        if (account.closed()) {
            throw new RuleViolation("invalid_import", "accountId", "the account is closed");
        }
        Statement statement = read(caller, request);
        List<RefusedRow> refused = new ArrayList<>();
        statement.refused().forEach(r -> refused.add(new RefusedRow(r.line(), r.reason())));
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        LocalDate latest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(1);
        for (StatementLine line : statement.lines()) {
            try {
                candidates.add(candidate(account, line, latest, seen));
            } catch (RowRefused e) {
                refused.add(new RefusedRow(line.line(), e.getMessage()));
            }
        }
        refused.sort(java.util.Comparator.comparingInt(RefusedRow::line));
        return new Sorted(candidates, List.copyOf(refused));
    }

    private Statement read(Caller caller, ImportRequest request) {
        return switch (request.format()) {
            case OFX, QFX -> OfxStatements.read(request.content());
            case QIF -> QifStatements.read(request.content(), request.mapping() == null ? null : request.mapping().dateFormat());
            case CSV -> {
                CsvMapping mapping = request.mapping();
                if (mapping == null && request.profile() != null) {
                    mapping = profiles.find(caller.userId(), request.profile())
                            .orElseThrow(() -> new RuleViolation("invalid_import", "profile", "you have no import profile of that name"));
                }
                if (mapping == null) {
                    throw new RuleViolation("invalid_import", "mapping", "a CSV file needs a mapping or the name of a saved profile");
                }
                mapping.check();
                Statement statement = CsvStatements.read(request.content(), mapping);
                if (request.saveProfileAs() != null && !request.saveProfileAs().isBlank()) {
                    profiles.save(caller.userId(), request.saveProfileAs().strip(), mapping);
                }
                yield statement;
            }
        };
    }

    private static Candidate candidate(LedgerAccount account, StatementLine line, LocalDate latest, Map<String, Integer> seen) {
        if (line.date().isBefore(EARLIEST) || line.date().isAfter(latest)) {
            throw new RowRefused("the date " + line.date() + " is not between 1900-01-01 and a year from today");
        }
        if (line.amount().signum() == 0) {
            throw new RowRefused("the amount is zero");
        }
        Money amount;
        try {
            amount = Money.parse(line.amount().abs().toPlainString(), account.currency());
        } catch (InvalidMoneyException e) {
            throw new RowRefused(e.getMessage());
        }
        String description = text(line.description(), 500, false, "description");
        String merchant = text(line.merchant(), 200, true, "merchant");
        String base = line.bankId() != null ? "id\n" + line.bankId()
                : "row\n" + line.date() + "\n" + line.amount().stripTrailingZeros().toPlainString() + "\n" + comparable(description) + "\n" + comparable(merchant);
        // the same booking twice in one file (two coffees on a day) is two rows: its occurrence is part of its key
        int occurrence = seen.merge(base, 1, Integer::sum);
        boolean duplicateInFile = line.bankId() != null && occurrence > 1;
        String key = (line.bankId() != null ? "fitid:" : "hash:") + sha256(line.bankId() != null ? base : base + "\n" + occurrence);
        return new Candidate(line, key, line.amount().signum() < 0 ? TransactionType.EXPENSE : TransactionType.INCOME, amount, description,
                merchant, duplicateInFile);
    }

    private static String text(String value, int max, boolean name, String field) {
        if (value == null) {
            return null;
        }
        TextPolicy.Result normalised = TextPolicy.normalise(value, false);
        if (normalised.refused()) {
            throw new RowRefused("the " + field + " " + normalised.refusal());
        }
        String problem = name ? TextPolicy.nameProblem(normalised.text()) : null;
        if (problem != null) {
            throw new RowRefused("the " + field + " " + problem);
        }
        if (TextPolicy.length(normalised.text()) > max) {
            throw new RowRefused("the " + field + " is longer than " + max + " characters");
        }
        return normalised.text();
    }

    private static String comparable(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Sorted(List<Candidate> candidates, List<RefusedRow> refused) {
    }

    private record Candidate(StatementLine line, String key, TransactionType type, Money amount, String description, String merchant,
                             boolean duplicateInFile) {
        Row row(boolean duplicate) {
            return new Row(line.line(), line.date(), type, amount, description, merchant, duplicate);
        }
    }

    private static final class RowRefused extends RuntimeException {
        RowRefused(String reason) {
            super(reason, null, false, false);
        }
    }
}
