package dev.tally.query.settle;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface PaymentRepository extends JpaRepository<Payment, String> {

    @Query("select p from Payment p where (p.payerId = :userId or p.payeeId = :userId) and p.deleted = false order by p.date desc, p.paymentId desc")
    List<Payment> ofUser(String userId);
}
