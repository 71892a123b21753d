package dev.tally.query.group;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import dev.tally.query.currency.Conversion;
import dev.tally.query.currency.HomeCurrencies;
import dev.tally.query.expense.ExpenseView;
import dev.tally.query.expense.ExpenseViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.EntityManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups")
@Transactional(readOnly = true)
public class GroupQueryController {

    private final SharingGroupRepository groups;
    private final GroupViews views;
    private final ExpenseViews expenses;
    private final HomeCurrencies homeCurrencies;
    private final EntityManager em;

    public GroupQueryController(SharingGroupRepository groups, GroupViews views, ExpenseViews expenses, HomeCurrencies homeCurrencies,
                                EntityManager em) {
        this.groups = groups;
        this.views = views;
        this.expenses = expenses;
        this.homeCurrencies = homeCurrencies;
        this.em = em;
    }

    @GetMapping
    @Operation(summary = "The groups the caller is a member of, with balances and the transfers that would settle them",
            description = "Balances per currency, and in the caller's home currency at today's rates (home).")
    public List<GroupView> mine(Caller caller) {
        Conversion today = homeCurrencies.today(caller.userId());
        return groups.ofMember(caller.userId()).stream().map(group -> views.view(group, caller.userId(), today)).toList();
    }

    @GetMapping("/{groupId}")
    @Operation(summary = "One group of the caller's", description = "404 for anyone who is not a member now (as for a group that does not exist).")
    public GroupView one(Caller caller, @PathVariable String groupId) {
        return views.view(member(caller, groupId), caller.userId(), homeCurrencies.today(caller.userId()));
    }

    @GetMapping("/{groupId}/expenses")
    @Operation(summary = "The expenses shared in one of the caller's groups, newest first")
    public List<ExpenseView> expenses(Caller caller, @PathVariable String groupId) {
        member(caller, groupId);
        return em.createQuery("select t from Transaction t where t.groupId = :group and t.deleted = false "
                        + "order by t.date desc, t.transactionId desc", dev.tally.query.expense.Transaction.class)
                .setParameter("group", groupId).getResultList().stream().map(expenses::full).toList();
    }

    private SharingGroup member(Caller caller, String groupId) {
        return groups.findById(groupId).filter(g -> g.isMember(caller.userId()))
                .orElseThrow(() -> new NotFoundException("group", groupId));
    }
}
