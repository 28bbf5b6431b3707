package dev.callboard.directory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class UserRepository {
    private static final String COLUMNS = "id, email, display_name, role, avatar_url";
    private static final RowMapper<User> USER = (rs, i) -> new User(
            rs.getObject("id", UUID.class),
            rs.getString("email"),
            rs.getString("display_name"),
            Role.parse(rs.getString("role")),
            rs.getString("avatar_url"));

    /** A user with the stored password hash, for login only. */
    public record Credentials(User user, String passwordHash) {}

    public static final class EmailTakenException extends RuntimeException {
        public EmailTakenException() {
            super("email already in use", null, false, false);
        }
    }

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public User create(String email, String displayName, Role role, String avatarUrl, String passwordHash) {
        try {
            return jdbc.sql("INSERT INTO users (email, display_name, role, avatar_url, password_hash) "
                            + "VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                    .params(email, displayName, role.wire(), avatarUrl, passwordHash)
                    .query(USER).single();
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        }
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(USER).optional();
    }

    public List<User> findByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ANY(?)")
                .param(ids.toArray(UUID[]::new)).query(USER).list();
    }

    public Optional<Credentials> findCredentials(String email) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(email) = lower(?)")
                .param(email)
                .query((rs, i) -> new Credentials(USER.mapRow(rs, i), rs.getString("password_hash")))
                .optional();
    }

    public List<User> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY display_name, id").query(USER).list();
    }

    /** Everyone the viewer may see, per {@link VisibilityPolicy}: admins see all; clients see admins and themselves. */
    public List<User> findVisibleTo(UUID viewerId, Role viewerRole) {
        if (viewerRole == Role.ADMIN) return findAll();
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE role = 'admin' OR id = ? ORDER BY display_name, id")
                .param(viewerId).query(USER).list();
    }

    public long countAdmins() {
        return jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin'").query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }
}
