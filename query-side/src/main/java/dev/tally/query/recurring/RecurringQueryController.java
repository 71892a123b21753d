package dev.tally.query.recurring;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import dev.tally.query.web.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/recurring")
@Tag(name = "Recurring transactions")
@Transactional(readOnly = true)
public class RecurringQueryController {

    private final RecurringRepository schedules;
    private final RecurringViews views;
    private final UpcomingOccurrences upcoming;

    public RecurringQueryController(RecurringRepository schedules, RecurringViews views, UpcomingOccurrences upcoming) {
        this.schedules = schedules;
        this.views = views;
        this.upcoming = upcoming;
    }

    @GetMapping
    @Operation(summary = "The caller's recurring transactions, each with its occurrences in the next 90 days")
    public List<RecurringView> list(Caller caller) {
        return schedules.findByOwnerIdOrderByRecurringId(caller.userId()).stream().map(views::view).toList();
    }

    @GetMapping("/upcoming")
    @Operation(summary = "Every occurrence to come within the next days (1-366, default 90), soonest first")
    public List<UpcomingOccurrence> upcoming(Caller caller, @RequestParam(required = false) Integer days) {
        int within = days == null ? RecurringViews.UPCOMING_DAYS : days;
        if (within < 1 || within > 366) {
            throw new InvalidQuery("days", "must be between 1 and 366");
        }
        return upcoming.of(caller.userId(), within);
    }

    @GetMapping("/{recurringId}")
    @Operation(summary = "One of the caller's recurring transactions")
    public RecurringView one(Caller caller, @PathVariable String recurringId) {
        return schedules.findById(recurringId).filter(s -> s.ownerId().equals(caller.userId())).map(views::view)
                .orElseThrow(() -> new NotFoundException("recurring transaction", recurringId));
    }
}
