package dev.tally.query.sharing;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import dev.tally.query.expense.ExpenseMembers;
import dev.tally.query.expense.ExpenseView;
import dev.tally.query.expense.ExpenseViews;
import dev.tally.query.expense.TransactionRepository;
import dev.tally.query.web.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/shared")
@Tag(name = "Shared expenses")
@Transactional(readOnly = true)
public class SharedQueryController {

    private final SharedQueries queries;
    private final TransactionRepository transactions;
    private final ExpenseMembers members;
    private final ExpenseViews views;

    public SharedQueryController(SharedQueries queries, TransactionRepository transactions, ExpenseMembers members, ExpenseViews views) {
        this.queries = queries;
        this.transactions = transactions;
        this.members = members;
        this.views = views;
    }

    @GetMapping("/expenses")
    @Operation(summary = "Shared expenses the caller paid or takes part in, with shares and comments")
    public List<ExpenseView> expenses(Caller caller,
                                      @Parameter(description = "paid or participating; both when absent") @RequestParam(required = false) String role) {
        if (role != null && !role.equals("paid") && !role.equals("participating")) {
            throw new InvalidQuery("role", "must be paid or participating");
        }
        return queries.expenses(caller.userId(), role).stream().map(views::full).toList();
    }

    @GetMapping("/expenses/{transactionId}")
    @Operation(summary = "One shared expense the caller paid or takes part in")
    public ExpenseView expense(Caller caller, @PathVariable String transactionId) {
        return transactions.findById(transactionId)
                .filter(t -> t.isShared() && members.isMember(t.transactionId(), caller.userId()))
                .map(views::full)
                .orElseThrow(() -> new NotFoundException("shared expense", transactionId));
    }

    @GetMapping("/balances")
    @Operation(summary = "Who owes whom between the caller and each person they share with, per currency")
    public List<SharedBalance> balances(Caller caller) {
        return queries.balances(caller.userId());
    }
}
