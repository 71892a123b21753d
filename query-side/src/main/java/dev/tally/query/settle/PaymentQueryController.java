package dev.tally.query.settle;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import dev.tally.query.expense.ExpenseViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Settling up")
@Transactional(readOnly = true)
public class PaymentQueryController {

    private final PaymentRepository payments;
    private final ExpenseViews views;

    public PaymentQueryController(PaymentRepository payments, ExpenseViews views) {
        this.payments = payments;
        this.views = views;
    }

    @GetMapping
    @Operation(summary = "Payments the caller made or received (not deleted), newest first")
    public List<PaymentView> mine(Caller caller) {
        List<Payment> found = payments.ofUser(caller.userId());
        Set<String> people = new HashSet<>();
        found.forEach(p -> {
            people.add(p.payerId());
            people.add(p.payeeId());
        });
        var names = views.names(people);
        return found.stream().map(p -> PaymentView.of(p, names)).toList();
    }

    @GetMapping("/{paymentId}")
    @Operation(summary = "One payment the caller made or received", description = "404 for anyone else.")
    public PaymentView one(Caller caller, @PathVariable String paymentId) {
        return payments.findById(paymentId)
                .filter(p -> !p.deleted() && (p.payerId().equals(caller.userId()) || p.payeeId().equals(caller.userId())))
                .map(p -> PaymentView.of(p, views.names(List.of(p.payerId(), p.payeeId()))))
                .orElseThrow(() -> new NotFoundException("payment", paymentId));
    }
}
