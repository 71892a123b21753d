package dev.tally.query.audit;

import dev.tally.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tally.query.web.Page;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "History of accounts, transactions, budgets, payments, recurring transactions and imports, read from the event store")
@Transactional(readOnly = true)
public class AuditQueryController {

    private final AuditTrail trail;

    public AuditQueryController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/{kind}/{id}/events")
    @Operation(summary = "The stored events of an account, transaction, budget, payment, recurring transaction or import, in order, with time, acting user and correlation id",
            description = "Paged (limit 1-200, default 50; nextCursor until the last page), optionally only those recorded from an instant or day up to another.")
    public Page<AuditEvent> events(Caller caller, @Parameter(description = "account, transaction, budget, payment, recurring or import") @PathVariable String kind,
                                   @PathVariable String id,
                                   @Parameter(description = "an instant or a day (from its start, in your time zone)") @RequestParam(required = false) String from,
                                   @Parameter(description = "an instant or a day (up to its end, in your time zone)") @RequestParam(required = false) String to,
                                   @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return trail.events(kind, id, caller.userId(), from, to, limit, cursor);
    }

    @GetMapping("/{kind}/{id}/state")
    @Operation(summary = "The state as of an instant (or the end of a day in the caller's time zone), rebuilt from the events")
    public AuditState state(Caller caller, @PathVariable String kind, @PathVariable String id,
                            @Parameter(description = "an instant (2026-11-20T18:00:00Z) or a day (2026-11-20); default now")
                            @RequestParam(required = false) String asOf) {
        return trail.state(kind, id, asOf, caller.userId());
    }
}
