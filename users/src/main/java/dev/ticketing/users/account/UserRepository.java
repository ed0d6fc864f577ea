package dev.ticketing.users.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Users in PostgreSQL, found by email without regard to case. */
@Repository
public class UserRepository {
    private final JdbcTemplate jdbc;

    UserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the email is taken (whatever its case), then nothing is stored */
    boolean insert(User user) {
        return jdbc.update("insert into users (id, email, email_key, password_hash) values (?, ?, ?, ?) "
                + "on conflict (email_key) do nothing",
                UUID.fromString(user.id()), user.email(), EmailKey.of(user.email()), user.passwordHash()) == 1;
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.query("select id, email, password_hash from users where email_key = ?", UserRepository::map,
                EmailKey.of(email)).stream().findFirst();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"));
    }
}
