package dev.tally.command.category;

import dev.tally.api.category.CategoryKind;
import dev.tally.command.dispatch.Accepted;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Commands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.tally.platform.text.Name;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;


@RestController
@RequestMapping("/api/v1/categories")
@Tag(name = "Categories")
public class CategoryController {

    private final Commands commands;

    public CategoryController(Commands commands) {
        this.commands = commands;
    }

    public record CreateCategoryRequest(@NotBlank @Name(max = 60) String name, @NotNull CategoryKind kind) {
    }

    public record RenameCategoryRequest(@NotBlank @Name(max = 60) String name) {
    }

    @PostMapping
    @Operation(summary = "Create a category", description = "kind is EXPENSE or INCOME; names are unique per user, ignoring case.")
    public ResponseEntity<Accepted> create(@Valid @RequestBody CreateCategoryRequest request, CommandContext context) {
        String categoryId = context.newId();
        return commands.create(context, "category", categoryId, "/api/v1/categories/" + categoryId,
                new CreateCategory(categoryId, context.userId(), request.name(), request.kind()));
    }

    @PatchMapping("/{categoryId}")
    @Operation(summary = "Rename a category")
    public ResponseEntity<Accepted> rename(@PathVariable String categoryId, @Valid @RequestBody RenameCategoryRequest request, CommandContext context) {
        return commands.change(context, "category", categoryId,
                new RenameCategory(categoryId, context.userId(), context.expectedVersion(), request.name()));
    }

    @PostMapping("/{categoryId}/archive")
    @Operation(summary = "Archive a category", description = "Its transactions keep it; new transactions cannot use it.")
    public ResponseEntity<Accepted> archive(@PathVariable String categoryId, CommandContext context) {
        return commands.change(context, "category", categoryId,
                new ArchiveCategory(categoryId, context.userId(), context.expectedVersion()));
    }
}
