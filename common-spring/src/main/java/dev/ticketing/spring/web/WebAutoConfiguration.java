package dev.ticketing.spring.web;

import dev.ticketing.common.auth.JwtVerifier;
import dev.ticketing.common.json.StrictJson;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** The common error body and the signed-in user for every service with a web API. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebAutoConfiguration {
    /** The session token secret, for {@code @Value}: property ticketing.auth.jwt-key, else env JWT_KEY. */
    public static final String JWT_KEY = "${ticketing.auth.jwt-key:${JWT_KEY:}}";

    /** The service refuses to start without a usable secret rather than accept no one (or anyone). */
    @Bean
    public JwtVerifier jwtVerifier(@Value(JWT_KEY) String secret) {
        if (secret.isBlank()) throw new IllegalStateException("JWT_KEY is not set: the session token secret is required");
        return new JwtVerifier(secret);
    }

    /** Request bodies follow the events' type rules: {@code {"title": 5}} is a 400, not the title "5". */
    @Bean
    public JsonMapperBuilderCustomizer strictJsonTypes() {
        return StrictJson::strictTypes;
    }

    @Bean
    public DatabaseGate databaseGate() {
        return new DatabaseGate();
    }

    @Bean
    public ApiErrorsAdvice apiErrorsAdvice(DatabaseGate gate) {
        return new ApiErrorsAdvice(gate);
    }

    @Bean
    public FilterRegistrationBean<DatabaseGateFilter> databaseGateFilter(DatabaseGate gate, JsonMapper json) {
        return new FilterRegistrationBean<>(new DatabaseGateFilter(gate, json));
    }

    @Bean
    public WebMvcConfigurer currentUserArgument(JwtVerifier verifier) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserResolver(verifier));
            }
        };
    }
}
