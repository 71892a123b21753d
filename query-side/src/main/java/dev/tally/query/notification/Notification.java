package dev.tally.query.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Something a user was told (budget alert, an expense shared with them, a comment); read once they mark it so. */
@Entity
@Table(name = "notification_view")
public class Notification {

    @Id
    @Column(name = "notification_id")
    private String notificationId;
    private String userId;
    private String type;
    private String title;
    private String message;
    private String data;
    private Instant createdAt;
    private Instant readAt;

    protected Notification() {
    }

    Notification(String notificationId, String userId, String type, String title, String message, String data, Instant createdAt) {
        this.notificationId = notificationId;
        this.userId = userId;
        this.type = type;
        this.title = title;
        this.message = message;
        this.data = data;
        this.createdAt = createdAt;
    }

    /** @return true if this changed it (it was unread) */
    boolean markRead(Instant at) {
        if (readAt != null) {
            return false;
        }
        readAt = at;
        return true;
    }

    public String notificationId() {
        return notificationId;
    }

    String userId() {
        return userId;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    String message() {
        return message;
    }

    String data() {
        return data;
    }

    public Instant createdAt() {
        return createdAt;
    }

    Instant readAt() {
        return readAt;
    }
}
