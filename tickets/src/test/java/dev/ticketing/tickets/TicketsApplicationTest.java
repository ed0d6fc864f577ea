package dev.ticketing.tickets;

import dev.ticketing.spring.testing.ServiceStartsTest;

class TicketsApplicationTest extends ServiceStartsTest {
}
