package dev.ticketing.orders;

import dev.ticketing.spring.testing.ServiceStartsTest;

class OrdersApplicationTest extends ServiceStartsTest {
}
