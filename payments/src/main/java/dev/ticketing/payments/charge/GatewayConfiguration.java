package dev.ticketing.payments.charge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Stripe when a key is set, else the local gateway. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {
    private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    PaymentGateway paymentGateway(@Value("${payments.stripe-key:}") String stripeKey, JdbcTemplate jdbc,
                                  PlatformTransactionManager transactions) {
        if (!stripeKey.isBlank()) return new StripeGateway(stripeKey);
        log.info("STRIPE_KEY is not set: payments go to the local gateway ({} succeeds, {} declines)",
                LocalGateway.SUCCEEDS, LocalGateway.DECLINES);
        return new LocalGateway(new LocalGatewayBooks(jdbc), transactions);
    }
}
