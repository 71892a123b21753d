package dev.tally.query.identity;

import dev.tally.query.projection.ProjectedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What others may know of a user: a name to show beside shares and balances, and the time zone for budget periods;
 * and, for themself, the home currency their figures are also reported in.
 */
@Entity
@Table(name = "user_view")
public class User extends ProjectedRow {

    @Id
    @Column(name = "user_id")
    private String userId;
    private String displayName;
    private String timeZone;
    private String homeCurrency;

    protected User() {
    }

    @Override
    public String getId() {
        return userId;
    }

    public User(String userId, String displayName, String timeZone, long lastIndex) {
        this.userId = userId;
        this.displayName = displayName;
        this.timeZone = timeZone;
        this.lastIndex = lastIndex;
    }

    public String userId() {
        return userId;
    }

    public String displayName() {
        return displayName;
    }

    public String timeZone() {
        return timeZone;
    }

    /** Chosen, or else the first account's currency; null for a user with neither. */
    public String homeCurrency() {
        return homeCurrency;
    }

    void homeCurrency(String currency, long index) {
        this.homeCurrency = currency;
        this.lastIndex = index;
    }
}
