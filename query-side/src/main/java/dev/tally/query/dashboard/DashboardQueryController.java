package dev.tally.query.dashboard;

import dev.tally.platform.security.Caller;
import dev.tally.query.feed.UserFeed;
import dev.tally.query.identity.UserRepository;
import dev.tally.query.web.Dates;
import dev.tally.query.web.InvalidQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

@RestController
@RequestMapping("/api/v1/dashboard")
@Tag(name = "Dashboard")
public class DashboardQueryController {

    private static final long MAX_DAYS = 366 * 5;

    private final DashboardFigures figures;
    private final UserFeed feed;
    private final UserRepository users;
    private final Clock clock;

    public DashboardQueryController(DashboardFigures figures, UserFeed feed, UserRepository users, Clock clock) {
        this.figures = figures;
        this.feed = feed;
        this.users = users;
        this.clock = clock;
    }

    /** Repeatable read: the figures and the feed position come from one snapshot. */
    @GetMapping
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    @Operation(summary = "Totals by category, income vs expense, daily series and top merchants for a month or a date range")
    public DashboardView dashboard(Caller caller,
                                   @Parameter(description = "yyyy-MM; the default is the current month in your time zone") @RequestParam(required = false) String month,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Dates.check("from", from);
        Dates.check("to", to);
        LocalDate start;
        LocalDate end;
        if (from != null || to != null) {
            if (month != null) {
                throw new InvalidQuery("month", "cannot be combined with from and to");
            }
            if (from == null || to == null) {
                throw new InvalidQuery(from == null ? "from" : "to", "is required with " + (from == null ? "to" : "from"));
            }
            if (from.isAfter(to)) {
                throw new InvalidQuery("from", "must not be after to");
            }
            if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
                throw new InvalidQuery("to", "must be at most five years after from");
            }
            start = from;
            end = to;
        } else {
            YearMonth ym = month == null ? YearMonth.now(clock.withZone(users.zoneOf(caller.userId()))) : parse(month);
            start = ym.atDay(1);
            end = ym.atEndOfMonth();
        }
        var position = feed.position(caller.userId());
        return figures.view(caller.userId(), start, end, position);
    }

    private static YearMonth parse(String month) {
        try {
            return Dates.check("month", YearMonth.parse(month));
        } catch (DateTimeParseException e) {
            throw new InvalidQuery("month", "must look like 2026-11");
        }
    }
}
