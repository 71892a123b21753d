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
            order by n.createdAt desc, n.notificationId desc""")
    List<Notification> firstPage(String userId, boolean unreadOnly, Limit limit);

    @Query("""
            select n from Notification n where n.userId = :userId and (:unreadOnly = false or n.readAt is null)
              and (n.createdAt < :afterCreated or (n.createdAt = :afterCreated and n.notificationId < :afterId))
            order by n.createdAt desc, n.notificationId desc""")
    List<Notification> pageAfter(String userId, boolean unreadOnly, Instant afterCreated, String afterId, Limit limit);
}
