package dev.tally.query.expense;

import dev.tally.api.expense.TransactionType;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import dev.tally.query.feed.FeedPosition;
import dev.tally.query.feed.UserFeed;
import dev.tally.query.web.Limits;
import dev.tally.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

@RestController
@RequestMapping("/api/v1/transactions")
@Tag(name = "Transactions", description = "Expenses, incomes and transfers")
public class TransactionQueryController {

    private final TransactionQueries queries;
    private final TransactionRepository transactions;
    private final ExpenseMembers members;
    private final ExpenseViews views;
    private final UserFeed feed;

    public TransactionQueryController(TransactionQueries queries, TransactionRepository transactions, ExpenseMembers members,
                                      ExpenseViews views, UserFeed feed) {
        this.queries = queries;
        this.transactions = transactions;
        this.members = members;
        this.views = views;
        this.feed = feed;
    }

    /** Repeatable read: the feed position and the page come from one snapshot, so a socket can continue exactly there. */
    @GetMapping
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    @Operation(summary = "The caller's transactions, filtered, sorted and paged, with the feed position of this snapshot")
    public Page<ExpenseView> list(Caller caller,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                  @RequestParam(required = false) String accountId,
                                  @RequestParam(required = false) String categoryId,
                                  @Parameter(description = "text in the description or merchant, case-insensitive") @RequestParam(required = false) String q,
                                  @RequestParam(required = false) String tag,
                                  @RequestParam(required = false) TransactionType type,
                                  @Parameter(description = "true lists deleted transactions (to restore them)") @RequestParam(defaultValue = "false") boolean deleted,
                                  @Parameter(description = "date, amount or recordedAt; prefix - for descending (default -date)") @RequestParam(required = false) String sort,
                                  @RequestParam(required = false) String cursor,
                                  @RequestParam(required = false) Integer limit) {
        TransactionFilter filter = TransactionFilter.of(from, to, accountId, categoryId, q, tag, type, deleted);
        FeedPosition position = feed.position(caller.userId());
        var result = queries.page(caller.userId(), filter, sort, cursor, Limits.check(limit));
        return new Page<>(views.page(result.items()), result.nextCursor(), position);
    }

    @GetMapping("/{transactionId}")
    @Transactional(readOnly = true)
    @Operation(summary = "One transaction the caller owns or takes part in (shared), with its split and comments")
    public ExpenseView one(Caller caller, @PathVariable String transactionId) {
        return transactions.findById(transactionId)
                .filter(t -> members.isMember(t.transactionId(), caller.userId()))
                .map(views::full)
                .orElseThrow(() -> new NotFoundException("transaction", transactionId));
    }
}
