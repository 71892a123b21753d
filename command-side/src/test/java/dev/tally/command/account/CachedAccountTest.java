package dev.tally.command.account;

import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.money.Money;
import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts stay cached between commands. When another command-side instance changes one, this instance's copy is
 * stale: the next expense must still post on the account's real balance, not fail and not overwrite the other's change.
 */
class CachedAccountTest extends CommandApiTest {

    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactions;

    @Test
    void anExpenseAfterAnotherInstanceChangedTheAccountPostsOnItsRealBalance() {
        TestUser alice = someUser();
        String account = api.post("/api/v1/accounts").as(alice)
                .body(Map.of("name", "Main", "type", "BANK", "currency", "EUR", "openingBalance", "100.00")).send().text("id");
        assertThat(spend(alice, account, "10.00").code()).isEqualTo(201); // the account is now in this instance's cache

        // what another instance appends: the account's next event, written to the shared store behind this cache's back
        Money change = Money.parse("-5.00", "EUR");
        transactions.executeInTransaction(() -> eventStore.publish(new GenericDomainEventMessage<>("Account", account, 2,
                new AccountBalanceChanged(account, alice.userId(), "elsewhere", change, Money.parse("85.00", "EUR")))));

        Api.Response expense = spend(alice, account, "1.00");

        assertThat(expense.code()).as(expense.toString()).isEqualTo(201);
        assertThat(eventTypes(account)).containsExactly("AccountOpened", "AccountBalanceChanged", "AccountBalanceChanged", "AccountBalanceChanged");
        List<String> balances = jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 3")
                .param(account).query(byte[].class).list().stream().map(String::new).toList();
        assertThat(balances).singleElement().asString().contains("\"balance\":{\"amount\":\"84.00\"");
    }

    private Api.Response spend(TestUser user, String account, String amount) {
        return api.post("/api/v1/transactions").as(user)
                .body(Map.of("type", "EXPENSE", "accountId", account, "amount", amount)).send();
    }
}
