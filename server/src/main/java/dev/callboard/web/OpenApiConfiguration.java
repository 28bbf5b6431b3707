package dev.callboard.web;

import dev.callboard.auth.Session;
import dev.callboard.identity.ApiKeyCaller;
import dev.callboard.identity.Caller;
import dev.callboard.identity.CurrentUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}; docs/protocol.md is the narrative reference. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    static {
        // Resolved from the bearer token, not sent by the caller.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class, Caller.class, ApiKeyCaller.class, Session.class);
    }

    @Bean
    OpenAPI callboardOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Callboard").version("0.1")
                        .description("Presence and calling. Errors are {\"error\":{\"code\",\"message\"}}; "
                                + "the WebSocket protocol is described in docs/protocol.md."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
