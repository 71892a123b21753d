package dev.tally.query.budget;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BudgetPeriodSpendingRepository extends JpaRepository<BudgetPeriodSpending, BudgetPeriodSpending.Key> {
}
