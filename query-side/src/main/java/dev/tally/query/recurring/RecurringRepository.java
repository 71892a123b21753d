package dev.tally.query.recurring;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface RecurringRepository extends JpaRepository<RecurringSchedule, String> {

    List<RecurringSchedule> findByOwnerIdOrderByRecurringId(String ownerId);

    boolean existsByRecurringIdAndOwnerId(String recurringId, String ownerId);
}
