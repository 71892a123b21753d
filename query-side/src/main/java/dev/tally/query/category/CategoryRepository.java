package dev.tally.query.category;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

public interface CategoryRepository extends JpaRepository<Category, String> {

    List<Category> findByOwnerIdOrderByNameAsc(String ownerId);

    List<Category> findByOwnerIdAndCategoryIdIn(String ownerId, Collection<String> ids);
}
