package dev.tally.command.expense;

import dev.tally.api.expense.SplitMethod;
import dev.tally.command.dispatch.Accepted;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Commands;
import dev.tally.command.dispatch.Versions;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.tally.platform.text.Text;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.*;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

@RestController
@RequestMapping("/api/v1/transactions")
@Tag(name = "Transactions", description = "Expenses, incomes and transfers; sharing expenses and commenting on them")
public class TransactionController {

    private final Commands commands;
    private final RegisteredUsers users;

    public TransactionController(Commands commands, RegisteredUsers users) {
        this.commands = commands;
        this.users = users;
    }

    public record Participant(String userId, String email, String value) {
    }

    /** {@code groupId}: share within that group (everyone a member); without it the expense is in no group. */
    public record ShareRequest(@NotNull SplitMethod method, @NotEmpty @Size(max = Split.MAX_PARTICIPANTS) List<@NotNull Participant> participants,
                               String groupId) {
    }

    public record CommentRequest(@NotBlank @Text(max = 2000) String text) {
    }

    @PostMapping
    @Operation(summary = "Record an expense, income or transfer",
            description = "The amount is in the account's currency. A transfer names toAccountId (same owner, same currency) and no category. date defaults to today (UTC).")
    public ResponseEntity<Accepted> record(@Validated(TransactionDraft.New.class) @RequestBody TransactionDraft draft, CommandContext context) {
        String transactionId = context.newId();
        // sent as the client sent it, without a date filled in: the handler dates it (Transaction)
        return commands.create(context, "transaction", transactionId, "/api/v1/transactions/" + transactionId,
                new RecordTransaction(transactionId, context.userId(), draft));
    }

    @PatchMapping("/{transactionId}")
    @Operation(summary = "Amend a transaction", description = "Send only the fields that change; an empty string clears the category, description or merchant. The type never changes.")
    public ResponseEntity<Accepted> amend(@PathVariable String transactionId, @Valid @RequestBody TransactionDraft changes, CommandContext context) {
        return commands.change(context, "transaction", transactionId,
                new AmendTransaction(transactionId, context.userId(), context.expectedVersion(), changes));
    }

    @DeleteMapping("/{transactionId}")
    @Operation(summary = "Delete a transaction", description = "It can be restored; deleting a deleted one changes nothing.")
    public ResponseEntity<Accepted> delete(@PathVariable String transactionId, CommandContext context) {
        return commands.change(context, "transaction", transactionId,
                new DeleteTransaction(transactionId, context.userId(), context.expectedVersion()));
    }

    @PostMapping("/{transactionId}/restore")
    @Operation(summary = "Restore a deleted transaction")
    public ResponseEntity<Accepted> restore(@PathVariable String transactionId, CommandContext context) {
        return commands.change(context, "transaction", transactionId,
                new RestoreTransaction(transactionId, context.userId(), context.expectedVersion()));
    }

    @PutMapping("/{transactionId}/split")
    @Operation(summary = "Share an expense", description = "Participants by userId or email; value is an amount (EXACT), a percentage (PERCENT) or shares (SHARES). Replaces any earlier split. "
            + "With groupId, within that group: the payer and every participant must be members (422 not_group_members).")
    public ResponseEntity<Accepted> share(@PathVariable String transactionId, @Valid @RequestBody ShareRequest request, CommandContext context) {
        Object command = request.groupId() == null || request.groupId().isBlank()
                ? new ShareExpense(transactionId, context.userId(), context.expectedVersion(), request.method(), parts(context.userId(), request.participants()))
                : new ShareExpenseInGroup(transactionId, context.userId(), context.expectedVersion(), request.groupId().trim(), request.method(),
                        parts(context.userId(), request.participants()));
        return commands.change(context, "transaction", transactionId, command);
    }

    @DeleteMapping("/{transactionId}/split")
    @Operation(summary = "Stop sharing an expense")
    public ResponseEntity<Accepted> unshare(@PathVariable String transactionId, CommandContext context) {
        return commands.change(context, "transaction", transactionId,
                new UnshareExpense(transactionId, context.userId(), context.expectedVersion()));
    }

    @PostMapping("/{transactionId}/comments")
    @Operation(summary = "Comment on a shared expense", description = "The payer and the participants may comment.")
    public ResponseEntity<Accepted> comment(@PathVariable String transactionId, @Valid @RequestBody CommentRequest request, CommandContext context) {
        String commentId = context.newId("comment");
        long version = commands.send(context, "transaction", transactionId,
                new CommentOnExpense(transactionId, context.userId(), commentId, request.text()));
        return ResponseEntity.created(URI.create("/api/v1/transactions/" + transactionId + "/comments/" + commentId))
                .eTag(Versions.etag(version)).body(new Accepted(commentId, version));
    }

    private List<SplitPart> parts(String ownerId, List<Participant> participants) {
        List<FieldError> errors = new ArrayList<>();
        List<SplitPart> parts = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            Participant p = participants.get(i);
            String field = "participants[" + i + "]";
            String userId;
            if (p.userId() != null && !p.userId().isBlank()) {
                userId = users.exists(p.userId()) ? p.userId() : null;
                if (userId == null) {
                    errors.add(new FieldError(field, "is not a registered user"));
                    continue;
                }
            } else if (p.email() != null && !p.email().isBlank()) {
                userId = users.contactByEmail(ownerId, p.email()).orElse(null);
                if (userId == null) { // the same answer for an unregistered address and a stranger's
                    errors.add(new FieldError(field, "is not someone you share expenses with; name a new person by their user id"));
                    continue;
                }
            } else {
                errors.add(new FieldError(field, "name the person by userId or email"));
                continue;
            }
            parts.add(new SplitPart(userId, p.value()));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation("unknown_participant", "Some participants cannot be found.", errors);
        }
        return parts;
    }
}
