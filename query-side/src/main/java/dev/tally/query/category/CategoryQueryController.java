package dev.tally.query.category;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/categories")
@Tag(name = "Categories")
@Transactional(readOnly = true)
public class CategoryQueryController {

    private final CategoryRepository categories;

    public CategoryQueryController(CategoryRepository categories) {
        this.categories = categories;
    }

    @GetMapping
    @Operation(summary = "The caller's categories, archived ones included (marked)")
    public List<CategoryView> list(Caller caller) {
        return categories.findByOwnerIdOrderByNameAsc(caller.userId()).stream().map(Category::view).toList();
    }

    @GetMapping("/{categoryId}")
    @Operation(summary = "One of the caller's categories, where its 201's Location points", description = "404 for anyone else's.")
    public CategoryView one(Caller caller, @PathVariable String categoryId) {
        return categories.findById(categoryId).filter(c -> caller.userId().equals(c.ownerId())).map(Category::view)
                .orElseThrow(() -> new NotFoundException("category", categoryId));
    }
}
