package dev.ticketing.users;

import dev.ticketing.spring.testing.ServiceStartsTest;

class UsersApplicationTest extends ServiceStartsTest {
}
