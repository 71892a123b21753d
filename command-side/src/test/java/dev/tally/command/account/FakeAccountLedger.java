package dev.tally.command.account;


import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The ledger as fixture tests set it up: accounts in memory. */
public class FakeAccountLedger implements AccountLedger {

    public final Map<String, LedgerAccount> accounts = new HashMap<>();

    public FakeAccountLedger with(String accountId, String ownerId, String currency, boolean closed) {
        accounts.put(accountId, new LedgerAccount(accountId, ownerId, currency, closed));
        return this;
    }

    @Override
    public Optional<LedgerAccount> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }
}
