package dev.tally.command.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends CommandApiTest {

    @Test
    void servesTheOpenApiDescriptionAndSwaggerUi() {
        Api.Response docs = api.get("/v3/api-docs").send();
        assertThat(docs.code()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/transactions")).isTrue();
        assertThat(docs.body().path("paths").has("/api/v1/accounts")).isTrue();
        assertThat(docs.body().path("paths").has("/error")).as("the error path is not an operation").isFalse();
        assertThat(docs.body().path("components").path("securitySchemes").has("bearer")).isTrue();
        // a command's two headers are documented, and what the server resolves itself is not a query parameter
        var amend = docs.body().path("paths").path("/api/v1/transactions/{transactionId}").path("patch").path("parameters");
        assertThat(amend.findValuesAsText("name")).contains("Idempotency-Key", "If-Match", "transactionId")
                .doesNotContain("caller", "context", "userId", "idempotencyKey", "ifMatch");

        var ui = org.springframework.web.client.RestClient.create().get().uri("http://localhost:" + port + "/swagger-ui/index.html")
                .retrieve().toEntity(String.class);
        assertThat(ui.getStatusCode().value()).isEqualTo(200);
        assertThat(ui.getBody()).contains("Swagger UI");
    }
}
