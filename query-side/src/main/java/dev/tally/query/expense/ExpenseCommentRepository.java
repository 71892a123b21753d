package dev.tally.query.expense;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface ExpenseCommentRepository extends JpaRepository<ExpenseComment, String> {

    List<ExpenseComment> findByTransactionIdOrderByCreatedAtAscCommentIdAsc(String transactionId);
}
