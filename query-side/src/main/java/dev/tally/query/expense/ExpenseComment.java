package dev.tally.query.expense;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "expense_comment")
public class ExpenseComment {

    @Id
    @Column(name = "comment_id")
    private String commentId;
    private String transactionId;
    private String authorId;
    private String text;
    private Instant createdAt;

    protected ExpenseComment() {
    }

    public ExpenseComment(String commentId, String transactionId, String authorId, String text, Instant createdAt) {
        this.commentId = commentId;
        this.transactionId = transactionId;
        this.authorId = authorId;
        this.text = text;
        this.createdAt = createdAt;
    }

    public String commentId() {
        return commentId;
    }

    public String authorId() {
        return authorId;
    }

    public String text() {
        return text;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
