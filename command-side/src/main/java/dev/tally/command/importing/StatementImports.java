package dev.tally.command.importing;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.command.account.AccountLedger;
import dev.tally.command.account.AccountLedger.LedgerAccount;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.CommandModel;
import dev.tally.command.dispatch.Commands;
import dev.tally.command.dispatch.IdempotentCommands;
import dev.tally.command.expense.DeleteTransaction;
import dev.tally.command.expense.RecordTransaction;
import dev.tally.command.expense.TransactionDraft;
import dev.tally.platform.id.Ids;
import dev.tally.platform.security.Caller;
import dev.tally.platform.text.TextPolicy;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Qualifier;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.web.ApiException;
import dev.tally.platform.web.ConflictException;
import dev.tally.platform.web.NotFoundException;
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
    private final IdempotentCommands idempotency;
    private final TransactionTemplate transaction;
    private final Cache aggregates;
    private final ImportJobs jobs;
    private final ObjectMapper json;
    private final Clock clock;
    private final int jobThreshold;
    private final int chunk;

    StatementImports(AccountLedger ledger, ImportProfiles profiles, ImportedRows imported, Commands commands, IdempotentCommands idempotency,
                     PlatformTransactionManager transactions,
                     @Qualifier(CommandModel.ACCOUNT_CACHE) Cache aggregates, ImportJobs jobs, ObjectMapper json, Clock clock,
                     ImportProperties properties) {
        this.ledger = ledger;
        this.profiles = profiles;
        this.imported = imported;
        this.commands = commands;
        this.idempotency = idempotency;
        this.transaction = new TransactionTemplate(transactions);
        this.aggregates = aggregates;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
        this.jobThreshold = properties.jobThreshold();
        this.chunk = properties.chunk();
    }

    /** A row as it would be recorded. */
    public record Row(int line, LocalDate date, TransactionType type, Money amount, String description, String merchant, boolean duplicate) {
    }

    public record Preview(String accountId, int rows, int newRows, int duplicates, List<RefusedRow> refused, List<Row> firstRows) {
    }

    /** {@code state}: {@code FINISHED} (imported at once) or {@code RUNNING} (a job; its counts come later, through the feed). */
    public record Result(String importId, String accountId, String state, int total, int recorded, int duplicates, List<RefusedRow> refused) {
    }

    public Preview preview(Caller caller, ImportRequest request) {
        ImportRequest resolved = resolve(caller, request);
        Sorted sorted = sort(caller, resolved);
        saveProfile(caller, request, resolved);
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

    /**
     * Imports at once, or, for a large file (or when asked), starts a job and answers before any row is recorded. With
     * an {@code Idempotency-Key} the import's id comes from it and a repeat answers the first answer.
     */
    public Result record(CommandContext context, ImportRequest request) {
        return once(context, "import", request, Result.class, () -> record(context.caller(), context.newId(), request));
    }

    private Result record(Caller caller, String importId, ImportRequest request) {
        ImportRequest resolved = resolve(caller, request);
        Sorted sorted = sort(caller, resolved);
        MetaData naming = MetaData.with("importId", importId);
        int total = sorted.candidates().size();
        if (Boolean.TRUE.equals(request.background()) || total > jobThreshold) {
            String stored = write(resolved);
            inTransaction(() -> {
                saveProfile(caller, request, resolved);
                jobs.add(importId, caller.userId(), stored, total, clock.instant());
                commands.send(caller, null, "import", importId, new StartImport(importId, caller.userId(), request.accountId(),
                        request.format().name(), request.fileName(), total), naming);
                return null;
            });
            return new Result(importId, request.accountId(), "RUNNING", total, 0, 0, sorted.refused());
        }
        return inTransaction(() -> {
            saveProfile(caller, request, resolved);
            int recorded = recordRows(caller, request.accountId(), importId, sorted.candidates(), naming);
            int duplicates = total - recorded;
            commands.send(caller, null, "import", importId, new RecordImport(importId, caller.userId(), request.accountId(),
                    request.format().name(), request.fileName(), recorded, duplicates, sorted.refused()), naming);
            return new Result(importId, request.accountId(), "FINISHED", total, recorded, duplicates, sorted.refused());
        });
    }

    /** The rows the account does not have yet become transactions; @return how many */
    private int recordRows(Caller caller, String accountId, String importId, List<Candidate> candidates, MetaData naming) {
        int recorded = 0;
        for (Candidate c : candidates) {
            String transactionId = Ids.next();
            if (imported.claim(accountId, c.key(), importId, transactionId)) {
                commands.send(caller, null, "transaction", transactionId, new RecordTransaction(transactionId, caller.userId(),
                        TransactionDraft.inOneAccount(c.type(), accountId, c.amount().amount(), null, c.line().date(), c.description(), c.merchant())), naming);
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * Runs a job this worker holds, a chunk per transaction, from where its last committed chunk ended: after a restart
     * or another worker's death it goes on without recording a row twice. A cancelled job deletes what it recorded.
     */
    void run(String importId, String worker) {
        ImportJobs.Job job = jobs.find(importId).orElseThrow();
        Caller owner = new Caller(job.ownerId(), null, null);
        MetaData naming = MetaData.with("importId", importId);
        Sorted sorted;
        try {
            sorted = sort(owner, read(job.request()));
        } catch (ApiException e) { // the account was closed meanwhile: the file cannot go on
            cancel(owner, importId, worker, naming);
            return;
        }
        int position = job.position();
        int recorded = job.recorded();
        int duplicates = job.duplicates();
        List<Candidate> candidates = sorted.candidates();
        while (true) {
            if (jobs.find(importId).map(ImportJobs.Job::cancelRequested).orElse(true)) {
                cancel(owner, importId, worker, naming);
                return;
            }
            if (position >= candidates.size()) {
                int r = recorded;
                int d = duplicates;
                inTransaction(() -> {
                    commands.send(owner, null, "import", importId, new FinishImport(importId, r, d, sorted.refused()), naming);
                    return lost(jobs.end(importId, worker, "FINISHED"));
                });
                return;
            }
            List<Candidate> rows = candidates.subList(position, Math.min(position + chunk, candidates.size()));
            int next = position + rows.size();
            int before = recorded;
            int beforeDuplicates = duplicates;
            int added = inTransaction(() -> {
                int n = recordRows(owner, sorted.accountId(), importId, rows, naming);
                lost(jobs.advance(importId, worker, next, before + n, beforeDuplicates + rows.size() - n, clock.instant()));
                commands.send(owner, null, "import", importId, new RecordImportProgress(importId, next, before + n,
                        beforeDuplicates + rows.size() - n), naming);
                return n;
            });
            position = next;
            recorded += added;
            duplicates += rows.size() - added;
        }
    }

    private void cancel(Caller owner, String importId, String worker, MetaData naming) {
        inTransaction(() -> {
            int deleted = deleteRecorded(owner, importId, naming);
            commands.send(owner, null, "import", importId, new CancelImport(importId, deleted), naming);
            return lost(jobs.end(importId, worker, "CANCELLED"));
        });
    }

    /**
     * Asks a running job to stop; its worker deletes what it recorded at the end of the chunk it is in. With an
     * {@code Idempotency-Key} a repeat answers as the first did, even once the job has stopped.
     */
    public void requestCancel(CommandContext context, String importId) {
        once(context, "import cancel", importId, String.class, () -> {
            requestCancel(context.caller(), importId);
            return "CANCELLING";
        });
    }

    private void requestCancel(Caller caller, String importId) {
        ImportJobs.Job job = jobs.find(importId).filter(j -> j.ownerId().equals(caller.userId()))
                .orElseThrow(() -> new NotFoundException("import", importId));
        if (!jobs.requestCancel(job.importId())) {
            throw new ConflictException("import_not_running", "This import is not running any more.");
        }
    }

    /**
     * An import's request sends many commands, so its {@code Idempotency-Key} is kept for the request as a whole
     * (checked before any work, remembered in the transaction of the work) rather than for one of those commands.
     */
    private <T> T once(CommandContext context, String name, Object request, Class<T> answer, java.util.function.Supplier<T> work) {
        String key = context.idempotencyKey();
        if (key == null) {
            return work.get();
        }
        return idempotency.answered(context.userId(), key, name, request, answer).orElseGet(() -> inTransaction(() -> {
            T first = work.get();
            idempotency.remember(context.userId(), key, name, request, first);
            return first;
        }));
    }

    private static boolean lost(boolean held) {
        if (!held) {
            throw new IllegalStateException("another worker took over this import job");
        }
        return true;
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        try {
            return transaction.execute(tx -> work.get());
        } catch (RuntimeException e) {
            forgetUncommittedAggregates();
            throw e;
        }
    }

    private String write(ImportRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportRequest read(String stored) {
        try {
            return json.readValue(stored, ImportRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored import request cannot be read", e);
        }
    }

    /**
     * Deletes what the import recorded, all in one transaction; the transactions stay restorable one by one. With an
     * {@code Idempotency-Key} a repeat answers the first count instead of "undone already".
     */
    public int undo(CommandContext context, String importId) {
        return once(context, "import undo", importId, Integer.class, () -> undo(context.caller(), importId));
    }

    private int undo(Caller caller, String importId) {
        MetaData naming = MetaData.with("importId", importId);
        return inTransaction(() -> {
            commands.send(caller, null, "import", importId, new UndoImport(importId, caller.userId(), imported.transactionsOf(importId).size()), naming);
            return deleteRecorded(caller, importId, naming);
        });
    }

    private int deleteRecorded(Caller caller, String importId, MetaData naming) {
        List<String> transactions = imported.transactionsOf(importId);
        for (String transactionId : transactions) {
            commands.send(caller, null, "transaction", transactionId, new DeleteTransaction(transactionId, caller.userId(), null), naming);
        }
        imported.release(importId);
        return transactions.size();
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
        Statement statement = read(request);
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
        return new Sorted(account.accountId(), candidates, List.copyOf(refused));
    }

    /** The request with its CSV mapping taken from the named profile, and checked. */
    private ImportRequest resolve(Caller caller, ImportRequest request) {
        if (request.format() != ImportRequest.ImportFormat.CSV) {
            if (request.format() == ImportRequest.ImportFormat.QIF && request.mapping() != null) {
                request.mapping().checkDateFormat();
            }
            return request;
        }
        CsvMapping mapping = request.mapping();
        if (mapping == null && request.profile() != null) {
            mapping = profiles.find(caller.userId(), request.profile())
                    .orElseThrow(() -> new RuleViolation("invalid_import", "profile", "you have no import profile of that name"));
        }
        if (mapping == null) {
            throw new RuleViolation("invalid_import", "mapping", "a CSV file needs a mapping or the name of a saved profile");
        }
        return request.resolved(mapping.check());
    }

    /**
     * Keeps a CSV request's mapping under {@code saveProfileAs}, once the file is accepted (in the import's transaction):
     * a refused file leaves the profile of that name as it was.
     */
    private void saveProfile(Caller caller, ImportRequest request, ImportRequest resolved) {
        if (request.format() == ImportRequest.ImportFormat.CSV && request.saveProfileAs() != null && !request.saveProfileAs().isBlank()) {
            profiles.save(caller.userId(), request.saveProfileAs().strip(), resolved.mapping());
        }
    }

    private static Statement read(ImportRequest request) {
        return switch (request.format()) {
            case OFX, QFX -> OfxStatements.read(request.content());
            case QIF -> QifStatements.read(request.content(), request.mapping() == null ? null : request.mapping().dateFormat());
            case CSV -> CsvStatements.read(request.content(), request.mapping());
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
            amount = Money.parseEntered(line.amount().abs().toPlainString(), account.currency());
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

    private record Sorted(String accountId, List<Candidate> candidates, List<RefusedRow> refused) {
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
