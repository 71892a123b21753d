package dev.tally.command.account;

import dev.tally.api.account.AccountType;
import dev.tally.command.dispatch.Accepted;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Amounts;
import dev.tally.command.dispatch.Commands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.tally.platform.text.Name;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;


@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts")
public class AccountController {

    private final Commands commands;

    public AccountController(Commands commands) {
        this.commands = commands;
    }

    public record OpenAccountRequest(@NotBlank @Name(max = 100) String name,
                                     @NotNull AccountType type,
                                     @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
                                     String openingBalance) {
    }

    public record RenameAccountRequest(@NotBlank @Name(max = 100) String name) {
    }

    @PostMapping
    @Operation(summary = "Open an account", description = "Cash, bank, card or wallet, in one currency, with an opening balance (default 0).")
    public ResponseEntity<Accepted> open(@Valid @RequestBody OpenAccountRequest request, CommandContext context) {
        String accountId = context.newId();
        return commands.create(context, "account", accountId, "/api/v1/accounts/" + accountId,
                new OpenAccount(accountId, context.userId(), request.name(), request.type(),
                        Amounts.parse(request.openingBalance() == null ? "0" : request.openingBalance(), request.currency(), "openingBalance")));
    }

    @PatchMapping("/{accountId}")
    @Operation(summary = "Rename an account")
    public ResponseEntity<Accepted> rename(@PathVariable String accountId, @Valid @RequestBody RenameAccountRequest request, CommandContext context) {
        return commands.change(context, "account", accountId,
                new RenameAccount(accountId, context.userId(), context.expectedVersion(), request.name()));
    }

    @PostMapping("/{accountId}/close")
    @Operation(summary = "Close an account", description = "Refused while the balance is not zero.")
    public ResponseEntity<Accepted> close(@PathVariable String accountId, CommandContext context) {
        return commands.change(context, "account", accountId,
                new CloseAccount(accountId, context.userId(), context.expectedVersion()));
    }
}
