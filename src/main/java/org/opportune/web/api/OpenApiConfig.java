package org.opportune.web.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /api/docs}: every operation takes a personal API token as a bearer
 * token (or the session of a signed-in person, with its CSRF token for changes).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static final String BEARER = "apiToken";

    @Bean
    OpenAPI opportuneOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Opportune API").version("v1").description("""
                        The JSON API of Opportune. Authenticate with a personal API token from your account page \
                        (`Authorization: Bearer opp_...`); it acts with your role's permissions. Errors are RFC 9457 \
                        problem details (`application/problem+json`); invalid fields are listed under `errors`."""))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("opp_ personal API token")
                        .description("A personal API token, created on /account and shown once.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
