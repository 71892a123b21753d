package dev.tally.query.budget;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface BudgetRepository extends JpaRepository<Budget, String> {

    List<Budget> findByOwnerIdAndRemovedFalseOrderByNameAscBudgetIdAsc(String ownerId);

    Optional<Budget> findByBudgetIdAndOwnerIdAndRemovedFalse(String budgetId, String ownerId);
}
