package dev.tally.query.budget;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/budgets")
@Tag(name = "Budgets")
@Transactional(readOnly = true)
public class BudgetQueryController {

    private final BudgetRepository budgets;
    private final BudgetViews views;

    public BudgetQueryController(BudgetRepository budgets, BudgetViews views) {
        this.budgets = budgets;
        this.views = views;
    }

    @GetMapping
    @Operation(summary = "The caller's budgets with the current period's spent, limit, percent and alert levels reached")
    public List<BudgetView> list(Caller caller) {
        return budgets.findByOwnerIdAndRemovedFalseOrderByNameAscBudgetIdAsc(caller.userId()).stream().map(views::view).toList();
    }

    @GetMapping("/{budgetId}")
    @Operation(summary = "One of the caller's budgets")
    public BudgetView one(Caller caller, @PathVariable String budgetId) {
        return budgets.findByBudgetIdAndOwnerIdAndRemovedFalse(budgetId, caller.userId()).map(views::view)
                .orElseThrow(() -> new NotFoundException("budget", budgetId));
    }
}
