package dev.tally.query.account;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface AccountRepository extends JpaRepository<Account, String> {

    List<Account> findByOwnerIdOrderByNameAscAccountIdAsc(String ownerId);

    Optional<Account> findByAccountIdAndOwnerId(String accountId, String ownerId);
}
