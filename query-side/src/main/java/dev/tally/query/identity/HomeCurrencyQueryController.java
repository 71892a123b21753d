package dev.tally.query.identity;

import dev.tally.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
@Transactional(readOnly = true)
public class HomeCurrencyQueryController {

    private final UserRepository users;

    public HomeCurrencyQueryController(UserRepository users) {
        this.users = users;
    }

    /** {@code currency} null: none chosen and no account opened yet. */
    public record HomeCurrency(String currency) {
    }

    @GetMapping("/home-currency")
    @Operation(summary = "Your home currency: chosen, or else your first account's")
    public HomeCurrency homeCurrency(Caller caller) {
        return new HomeCurrency(users.homeCurrencyOf(caller.userId()).orElse(null));
    }
}
