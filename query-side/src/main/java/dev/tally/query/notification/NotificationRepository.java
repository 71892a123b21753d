package dev.tally.query.notification;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface NotificationRepository extends JpaRepository<Notification, String> {

    Optional<Notification> findByNotificationIdAndUserId(String notificationId, String userId);

    long countByUserIdAndReadAtIsNull(String userId);

    @Query("""
            select n from Notification n where n.userId = :userId and (:unreadOnly = false or n.readAt is null)
              and (:afterCreated is null or n.createdAt < :afterCreated or (n.createdAt = :afterCreated and n.notificationId < :afterId))
            order by n.createdAt desc, n.notificationId desc""")
    List<Notification> page(String userId, boolean unreadOnly, Instant afterCreated, String afterId, Limit limit);
}
