package dev.tally.query.expense;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import jakarta.persistence.QueryHint;

import java.util.Collection;
import java.util.Set;

public interface TransactionRepository extends JpaRepository<Transaction, String>, JpaSpecificationExecutor<Transaction> {

    /** Which of these transactions are stored already; rows only persisted by this transaction are not flushed first. */
    @Query("select t.transactionId from Transaction t where t.transactionId in :ids")
    @QueryHints(@QueryHint(name = "org.hibernate.flushMode", value = "COMMIT"))
    Set<String> storedAmong(Collection<String> ids);
}
