package dev.tally.command.settle;

import dev.tally.command.dispatch.Accepted;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Amounts;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Commands;
import dev.tally.platform.text.Text;
import dev.tally.platform.web.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Settling up")
public class PaymentController {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    private final Commands commands;
    private final Clock clock;

    public PaymentController(Commands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    public record RecordPaymentRequest(@NotBlank String payeeId, @NotBlank String amount, @NotBlank String currency, String groupId,
                                       LocalDate date, @Text(max = 500) String note, String transactionId) {
    }

    public record AmendPaymentRequest(String amount, LocalDate date, @Text(max = 500) String note) {
    }

    public record DisputeRequest(@NotBlank @Text(max = 500) String reason) {
    }

    @PostMapping
    @Operation(summary = "Record a payment to someone you share expenses with", description = "In full or in part, in any currency; "
            + "with groupId it settles within that group (both must be members). transactionId optionally links your own transaction "
            + "that moved the money. 422 pay_yourself, unknown_payee (also for a stranger or an address-less id), unknown_transaction.")
    public ResponseEntity<Accepted> record(@Valid @RequestBody RecordPaymentRequest request, CommandContext context) {
        String paymentId = context.newId();
        return commands.create(context, "payment", paymentId, "/api/v1/payments/" + paymentId,
                new RecordPayment(paymentId, context.userId(), request.payeeId().trim(),
                        Amounts.parse(request.amount(), request.currency().trim().toUpperCase(java.util.Locale.ROOT), "amount"),
                        blankToNull(request.groupId()), date(request.date()), blankToNull(request.note()), blankToNull(request.transactionId())));
    }

    @PatchMapping("/{paymentId}")
    @Operation(summary = "Amend a payment you recorded", description = "amount (in its currency), date, note; answers a dispute. "
            + "403 not_the_payer for the payee; 404 for anyone else.")
    public ResponseEntity<Accepted> amend(@PathVariable String paymentId, @Valid @RequestBody AmendPaymentRequest request, CommandContext context) {
        return commands.change(context, "payment", paymentId, new AmendPayment(paymentId, context.userId(),
                context.expectedVersion(), request.amount(), date(request.date()), request.note()));
    }

    @PostMapping("/{paymentId}/dispute")
    @Operation(summary = "Dispute a payment recorded as paid to you", description = "It moves no balance until the payer amends it. "
            + "403 not_the_payee for the payer; 404 for anyone else.")
    public ResponseEntity<Accepted> dispute(@PathVariable String paymentId, @Valid @RequestBody DisputeRequest request, CommandContext context) {
        return commands.change(context, "payment", paymentId, new DisputePayment(paymentId, context.userId(), request.reason().strip()));
    }

    @DeleteMapping("/{paymentId}")
    @Operation(summary = "Delete a payment you recorded")
    public ResponseEntity<Accepted> delete(@PathVariable String paymentId, CommandContext context) {
        return commands.change(context, "payment", paymentId, new DeletePayment(paymentId, context.userId(), context.expectedVersion()));
    }

    /**
     * A date given, checked; none stays none. A new payment without one is dated today by its handler (Payment), so the
     * command stays the request as sent, which is what its {@code Idempotency-Key} is checked against.
     */
    private LocalDate date(LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(1)))) {
            throw new InvalidRequest("date", "must be between 1900-01-01 and a year from today");
        }
        return date;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
