package dev.tally.query.category;

import dev.tally.query.projection.ProjectedRow;
import dev.tally.api.category.CategoryKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "category_view")
public class Category extends ProjectedRow {

    @Id
    @Column(name = "category_id")
    private String categoryId;
    private String ownerId;
    private String name;
    @Enumerated(EnumType.STRING)
    private CategoryKind kind;
    private boolean archived;

    protected Category() {
    }

    @Override
    public String getId() {
        return categoryId;
    }

    public Category(String categoryId, String ownerId, String name, CategoryKind kind, long index) {
        this.categoryId = categoryId;
        this.ownerId = ownerId;
        this.name = name;
        this.kind = kind;
        this.lastIndex = index;
    }


    public void renamed(String name, long index) {
        this.name = name;
        this.lastIndex = index;
    }

    public void archived(long index) {
        this.archived = true;
        this.lastIndex = index;
    }

    public String ownerId() {
        return ownerId;
    }

    public String name() {
        return name;
    }

    public CategoryView view() {
        return new CategoryView(categoryId, name, kind, archived);
    }
}
