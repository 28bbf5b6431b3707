package dev.callboard.directory;

import dev.callboard.identity.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

    public Optional<Credentials> findCredentials(String email) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(email) = lower(?)")
                .param(email)
                .query((rs, i) -> new Credentials(USER.mapRow(rs, i), rs.getString("password_hash")))
                .optional();
    }

    public long countAdmins() {
        return jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin'").query(Long.class).single();
    }

    public List<User> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY display_name, id").query(USER).list();
    }

    /** Everyone the viewer may see: the viewer himself and the users of the roles {@link VisibilityPolicy} lets him see. */
    public List<User> findVisibleTo(UUID viewerId, Role viewerRole) {
        String[] roles = VisibilityPolicy.rolesSeenBy(viewerRole).stream().map(Role::wire).toArray(String[]::new);
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE role = ANY(?) OR id = ? ORDER BY display_name, id")
                .params(roles, viewerId).query(USER).list();
    }
}
