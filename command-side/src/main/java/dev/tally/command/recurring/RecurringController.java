package dev.tally.command.recurring;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.recurring.Recurrence;
import dev.tally.command.dispatch.Accepted;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Commands;
import dev.tally.platform.text.Name;
import dev.tally.platform.text.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

@RestController
@RequestMapping("/api/v1/recurring")
@Tag(name = "Recurring transactions", description = "Expenses and incomes that record themselves on a schedule")
public class RecurringController {

    private final Commands commands;

    public RecurringController(Commands commands) {
        this.commands = commands;
    }

    public record SetUpRequest(@NotNull TransactionType type, @NotBlank String accountId, @NotBlank String amount, String categoryId,
                               @Text(max = 500) String description, @Name(max = 200) String merchant,
                               @NotNull Recurrence.Frequency frequency, Integer interval, @NotNull LocalDate startDate, LocalDate endDate,
                               Integer count, Boolean lastDayOfMonth) {
    }

    public record AmendRequest(String amount, String categoryId, @Text(max = 500) String description, @Name(max = 200) String merchant) {
    }

    public record SkipRequest(@NotNull LocalDate date) {
    }

    @PostMapping
    @Operation(summary = "Set up a recurring expense or income",
            description = "DAILY, WEEKLY, MONTHLY (lastDayOfMonth for the month's end) or YEARLY, every interval (default 1), from startDate, until endDate or for count occurrences. Each occurrence is recorded at the start of its day in your time zone.")
    public ResponseEntity<Accepted> setUp(@Valid @RequestBody SetUpRequest request, CommandContext context) {
        String id = context.newId();
        Recurrence recurrence = new Recurrence(request.frequency(), request.interval() == null ? 1 : request.interval(), request.startDate(),
                request.endDate(), request.count(), Boolean.TRUE.equals(request.lastDayOfMonth()));
        return commands.create(context, "recurring transaction", id, "/api/v1/recurring/" + id,
                new SetUpRecurring(id, context.userId(), request.type(), request.accountId(), request.amount(), blankToNull(request.categoryId()),
                        request.description(), request.merchant(), recurrence));
    }

    @PatchMapping("/{recurringId}")
    @Operation(summary = "Change what future occurrences record (those recorded stay as they are)")
    public ResponseEntity<Accepted> amend(@PathVariable String recurringId, @Valid @RequestBody AmendRequest request, CommandContext context) {
        return done(context, recurringId, new AmendRecurring(recurringId, context.userId(), request.amount(), request.categoryId(),
                request.description(), request.merchant()));
    }

    @PostMapping("/{recurringId}/pause")
    @Operation(summary = "Pause: nothing is recorded until it is resumed")
    public ResponseEntity<Accepted> pause(@PathVariable String recurringId, CommandContext context) {
        return done(context, recurringId, new PauseRecurring(recurringId, context.userId()));
    }

    @PostMapping("/{recurringId}/resume")
    @Operation(summary = "Resume from today (occurrences that fell while paused are passed over)")
    public ResponseEntity<Accepted> resume(@PathVariable String recurringId, CommandContext context) {
        return done(context, recurringId, new ResumeRecurring(recurringId, context.userId()));
    }

    @PostMapping("/{recurringId}/skip")
    @Operation(summary = "Skip one future occurrence, named by its date")
    public ResponseEntity<Accepted> skip(@PathVariable String recurringId, @Valid @RequestBody SkipRequest request, CommandContext context) {
        return done(context, recurringId, new SkipOccurrence(recurringId, context.userId(), request.date()));
    }

    @PostMapping("/{recurringId}/end")
    @Operation(summary = "End it: no more occurrences")
    public ResponseEntity<Accepted> end(@PathVariable String recurringId, CommandContext context) {
        return done(context, recurringId, new EndRecurring(recurringId, context.userId()));
    }

    /** A change keeps no version (nothing to send in If-Match, no ETag); its Idempotency-Key makes a retry safe. */
    private ResponseEntity<Accepted> done(CommandContext context, String recurringId, Object command) {
        commands.send(context, "recurring transaction", recurringId, command);
        return ResponseEntity.ok(new Accepted(recurringId, 0));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
