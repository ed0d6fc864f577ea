package dev.ticketing.users.session;

import dev.ticketing.common.auth.JwtIssuer;
import dev.ticketing.spring.web.WebAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionConfiguration {

    /** Signs with the key every service verifies with. */
    @Bean
    JwtIssuer jwtIssuer(@Value(WebAutoConfiguration.JWT_KEY) String secret) {
        return new JwtIssuer(secret);
    }
}
