package dev.tally.query.account;

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
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts")
@Transactional(readOnly = true)
public class AccountQueryController {

    private final AccountRepository accounts;

    public AccountQueryController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "The caller's accounts with their current balances")
    public List<AccountView> list(Caller caller) {
        return accounts.findByOwnerIdOrderByNameAscAccountIdAsc(caller.userId()).stream().map(Account::view).toList();
    }

    @GetMapping("/{accountId}")
    @Operation(summary = "One of the caller's accounts")
    public AccountView one(Caller caller, @PathVariable String accountId) {
        return accounts.findByAccountIdAndOwnerId(accountId, caller.userId()).map(Account::view)
                .orElseThrow(() -> new NotFoundException("account", accountId));
    }
}
