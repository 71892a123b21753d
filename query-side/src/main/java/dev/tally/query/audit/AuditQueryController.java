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

import java.util.List;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "History of accounts, transactions and budgets, read from the event store")
@Transactional(readOnly = true)
public class AuditQueryController {

    private final AuditTrail trail;

    public AuditQueryController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/{kind}/{id}/events")
    @Operation(summary = "The stored events of an account, transaction or budget, in order, with time, acting user and correlation id")
    public List<AuditEvent> events(Caller caller, @Parameter(description = "account, transaction or budget") @PathVariable String kind,
                                   @PathVariable String id) {
        return trail.events(kind, id, caller.userId());
    }

    @GetMapping("/{kind}/{id}/state")
    @Operation(summary = "The state as of an instant (or the end of a day in the caller's time zone), rebuilt from the events")
    public AuditState state(Caller caller, @PathVariable String kind, @PathVariable String id,
                            @Parameter(description = "an instant (2026-11-20T18:00:00Z) or a day (2026-11-20); default now")
                            @RequestParam(required = false) String asOf) {
        return trail.state(kind, id, asOf, caller.userId());
    }
}
