package dev.ticketing.transactions;

import dev.ticketing.spring.testing.ServiceStartsTest;

class TransactionsApplicationTest extends ServiceStartsTest {
}
