package dev.ticketing.expiration;

import dev.ticketing.spring.testing.ServiceStartsTest;
import org.springframework.test.annotation.DirtiesContext;

/** Closed afterwards: a cached context would keep consuming and firing expiries during the restart tests. */
@DirtiesContext
class ExpirationApplicationTest extends ServiceStartsTest {
}
