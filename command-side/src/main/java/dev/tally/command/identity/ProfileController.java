package dev.tally.command.identity;

import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Commands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own settings. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
public class ProfileController {

    private final Commands commands;

    ProfileController(Commands commands) {
        this.commands = commands;
    }

    public record HomeCurrencyRequest(@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    public record HomeCurrency(String currency) {
    }

    @PutMapping("/home-currency")
    @Operation(summary = "Set your home currency", description = "Dashboards, budgets and shared balances are also reported in it, "
            + "beside their per-currency figures. Until set, it is the currency of your first account.")
    public HomeCurrency homeCurrency(@Valid @RequestBody HomeCurrencyRequest request, CommandContext context) {
        commands.send(context, "user", context.userId(), new ChangeHomeCurrency(context.userId(), request.currency()));
        return new HomeCurrency(request.currency());
    }
}
