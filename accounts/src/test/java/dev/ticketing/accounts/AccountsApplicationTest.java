package dev.ticketing.accounts;

import dev.ticketing.spring.testing.ServiceStartsTest;

class AccountsApplicationTest extends ServiceStartsTest {
}
