package dev.ticketing.payments;

import dev.ticketing.spring.testing.ServiceStartsTest;

class PaymentsApplicationTest extends ServiceStartsTest {
}
