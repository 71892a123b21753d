package dev.tally.query;

import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

class BootTest extends QueryTestBase {

    @Test
    void startsWithItsSchemasAndProcessor() {
        assertThat(processor().isRunning()).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM feed_epoch", Integer.class)).isEqualTo(1);
    }

    @Test
    void servesItsOpenApiDescription() throws Exception {
        String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        assertThat(docs).contains("/api/v1/transactions", "/api/v1/dashboard", "/api/v1/budgets", "/api/v1/shared/balances",
                "/api/v1/notifications/{notificationId}/read", "/api/v1/sync", "/api/v1/audit/{kind}/{id}/events",
                "/api/v1/audit/{kind}/{id}/state").doesNotContain("/admin/projections");
    }
}
