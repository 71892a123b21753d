package dev.tally.command.config;

import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.CommandContextResolver;
import dev.tally.platform.security.Caller;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.http.HttpHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // resolved from the token and headers, not bound from the query string
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, CommandContext.class);
    }

    /** A {@link CommandContext} parameter stands for the two headers every command accepts: document them. */
    @Bean
    public OperationCustomizer commandHeaders() {
        return (operation, handler) -> {
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == CommandContext.class)) {
                operation.addParametersItem(new HeaderParameter().name(CommandContextResolver.IDEMPOTENCY_KEY).required(false)
                        .description("Makes the request safe to retry: a repeat answers the first result and changes nothing.")
                        .schema(new StringSchema()));
                operation.addParametersItem(new HeaderParameter().name(HttpHeaders.IF_MATCH).required(false)
                        .description("For changes: the version from the ETag you read, such as \"3\"; a stale one answers 409.")
                        .schema(new StringSchema()));
            }
            return operation;
        };
    }

    @Bean
    public OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info().title("Tally command API").version("v1")
                        .description("Changes are commands: each answer is {id, version} with an ETag. Send If-Match to change "
                                + "something at a known version and Idempotency-Key to make a change safe to retry. Errors are "
                                + "application/problem+json with the fields at fault."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
