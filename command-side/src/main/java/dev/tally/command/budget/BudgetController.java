package dev.tally.command.budget;

import dev.tally.api.budget.PeriodType;
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
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.util.List;

@RestController
@RequestMapping("/api/v1/budgets")
@Tag(name = "Budgets")
public class BudgetController {

    private final Commands commands;
    private final UserTimeZones timeZones;

    public BudgetController(Commands commands, UserTimeZones timeZones) {
        this.commands = commands;
        this.timeZones = timeZones;
    }

    public record CreateBudgetRequest(@NotBlank @Name(max = 100) String name,
                                      @Size(min = 1, max = 64) String categoryId,
                                      @NotNull PeriodType period,
                                      @NotBlank String limit,
                                      @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
                                      @Size(max = 20) List<@NotNull Integer> alertLevels,
                                      @Size(min = 1, max = 64) String timeZone) {
    }

    public record ChangeBudgetRequest(@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Name(max = 100) String name,
                                      @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String limit,
                                      @Size(max = 20) List<@NotNull Integer> alertLevels) {
    }

    @PostMapping
    @Operation(summary = "Create a budget", description = "A limit per week, month or year for one category (or all spending when "
            + "categoryId is absent), with alert levels in percent (default 50, 80, 100). Periods are counted in the owner's time zone.")
    public ResponseEntity<Accepted> create(@Valid @RequestBody CreateBudgetRequest request, CommandContext context) {
        String budgetId = context.newId();
        String timeZone = request.timeZone() != null ? request.timeZone() : timeZones.of(context.userId());
        return commands.create(context, "budget", budgetId, "/api/v1/budgets/" + budgetId,
                new CreateBudget(budgetId, context.userId(), request.name(), request.categoryId(), request.period(),
                        Amounts.parse(request.limit(), request.currency(), "limit"), request.alertLevels(), timeZone));
    }

    @PatchMapping("/{budgetId}")
    @Operation(summary = "Change a budget", description = "Name, limit (in the budget's currency) and alert levels; absent fields stay as they are.")
    public ResponseEntity<Accepted> change(@PathVariable String budgetId, @Valid @RequestBody ChangeBudgetRequest request, CommandContext context) {
        return commands.change(context, "budget", budgetId, new ChangeBudget(budgetId, context.userId(),
                context.expectedVersion(), request.name(), request.limit(), request.alertLevels()));
    }

    @DeleteMapping("/{budgetId}")
    @Operation(summary = "Remove a budget", description = "It stops tracking; its history stays in the event store.")
    public ResponseEntity<Accepted> remove(@PathVariable String budgetId, CommandContext context) {
        return commands.change(context, "budget", budgetId,
                new RemoveBudget(budgetId, context.userId(), context.expectedVersion()));
    }
}
