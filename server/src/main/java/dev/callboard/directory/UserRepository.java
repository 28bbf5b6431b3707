package dev.callboard.directory;

import dev.callboard.identity.Role;
import dev.callboard.outbox.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Repository
public class UserRepository {
    private static final long ADMIN_CHANGES_LOCK = 0x63616c6c626f61L; // "callboa"
    private static final String COLUMNS = "id, email, display_name, role, avatar_url, active, external_id";
    private static final RowMapper<User> USER = (rs, i) -> new User(
            rs.getObject("id", UUID.class),
            rs.getString("email"),
            rs.getString("display_name"),
            Role.parse(rs.getString("role")),
            rs.getString("avatar_url"),
            rs.getBoolean("active"),
            rs.getString("external_id"));

    private static final String USER_PAYLOAD = "jsonb_build_object('user', jsonb_build_object('id', u.id, "
            + "'externalId', u.external_id, 'email', u.email, 'displayName', u.display_name, 'role', u.role, "
            + "'avatarUrl', u.avatar_url, 'active', u.active))";
    private static final String USER_CREATED = Outbox.cte("user", "u", "'user.created'", "u.id", USER_PAYLOAD);
    /** {@code was_active}: the row before the UPDATE, read in its RETURNING (which sees the statement's snapshot). */
    private static final String USER_CHANGED = Outbox.cte("user", "u",
            "CASE WHEN u.was_active AND NOT u.active THEN 'user.deactivated' "
                    + "WHEN NOT u.was_active AND u.active THEN 'user.reactivated' ELSE 'user.updated' END",
            "u.id", USER_PAYLOAD);

    private static final String USER_DELETED = Outbox.cte("user", "u", "'user.deleted'", "u.id",
            "jsonb_build_object('user', jsonb_build_object('id', u.id, 'externalId', u.old_external_id))");

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
            return jdbc.sql("WITH u AS (INSERT INTO users (email, display_name, role, avatar_url, password_hash) "
                            + "VALUES (?, ?, ?, ?, ?) RETURNING *)" + USER_CREATED + " SELECT " + COLUMNS + " FROM u")
                    .params(email, displayName, role.wire(), avatarUrl, passwordHash)
                    .query(USER).single();
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        }
    }

    /**
     * A user the host app manages, without a Callboard password. If another request created the same
     * external id a moment earlier, returns that user instead (safe to race across nodes).
     */
    public User createExternal(String externalId, String email, String displayName, Role role, String avatarUrl) {
        try {
            return jdbc.sql("WITH u AS (INSERT INTO users (external_id, email, display_name, role, avatar_url) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (external_id) DO NOTHING RETURNING *)" + USER_CREATED + " SELECT " + COLUMNS + " FROM u")
                    .params(externalId, email, displayName, role.wire(), avatarUrl)
                    .query(USER).optional()
                    .or(() -> findByExternalId(externalId))
                    .orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        }
    }

    public Optional<User> findByExternalId(String externalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE external_id = ?").param(externalId).query(USER).optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)").param(email).query(USER).optional();
    }

    /** Gives a user who has none the host's id for him; false if he already has one. */
    public boolean link(UUID id, String externalId) {
        return jdbc.sql("UPDATE users SET external_id = ? WHERE id = ? AND external_id IS NULL")
                .params(externalId, id).update() == 1;
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(USER).optional();
    }

    public Optional<Credentials> findCredentials(String email) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(email) = lower(?) AND active")
                .param(email)
                .query((rs, i) -> new Credentials(USER.mapRow(rs, i), rs.getString("password_hash")))
                .optional();
    }

    /**
     * Serialises the changes that could leave no active admin (two admins demoting each other at once):
     * held until the calling transaction ends, so the check in {@link #update} sees the other's commit.
     */
    public void lockAdminChanges() {
        jdbc.sql("SELECT pg_advisory_xact_lock(" + ADMIN_CHANGES_LOCK + ")").query((rs, i) -> 1).list();
    }

    /**
     * Applies the change in one statement (fields left {@code null} keep their value); empty if there
     * is no such user. The last active admin cannot be demoted or deactivated: the statement changes
     * nothing then, and {@link LastAdminException} says why. Run it after {@link #lockAdminChanges} in
     * one transaction.
     */
    public Optional<User> update(UUID id, UserChange.Valid change) {
        boolean demotesOrDeactivates = change.role() == Role.CLIENT || Boolean.FALSE.equals(change.active());
        try {
            Optional<User> updated = jdbc.sql("WITH u AS (UPDATE users SET email = coalesce(?, email), display_name = coalesce(?, display_name), "
                            + "avatar_url = CASE WHEN ? THEN ? ELSE avatar_url END, role = coalesce(?, role), active = coalesce(?, active) "
                            + "WHERE id = ? AND deleted_at IS NULL AND (NOT ? OR role <> 'admin' OR NOT active "
                            + "    OR EXISTS (SELECT 1 FROM users o WHERE o.id <> ? AND o.role = 'admin' AND o.active)) "
                            + "RETURNING *, (SELECT p.active FROM users p WHERE p.id = users.id) AS was_active)"
                            + USER_CHANGED + " SELECT " + COLUMNS + " FROM u")
                    .params(change.email(), change.displayName(), change.avatarGiven(), change.avatarUrl(),
                            change.role() == null ? null : change.role().wire(), change.active(), id,
                            demotesOrDeactivates, id)
                    .query(USER).optional();
            if (updated.isEmpty() && findLiving(id).isPresent()) throw new LastAdminException();
            return updated;
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        }
    }

    public static final class LastAdminException extends RuntimeException {
        public LastAdminException() {
            super("the last active admin", null, false, false);
        }
    }

    /** The stored password hash; empty for a user without one (the host app manages him). */
    public Optional<String> passwordHash(UUID id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = ? AND deleted_at IS NULL AND password_hash IS NOT NULL")
                .param(id).query(String.class).optional();
    }

    /** @return false if there is no such (living) user */
    public boolean setPasswordHash(UUID id, String hash) {
        return jdbc.sql("UPDATE users SET password_hash = ?, updated_at = now() WHERE id = ? AND deleted_at IS NULL")
                .params(hash, id).update() == 1;
    }

    /**
     * Deletes the user's personal data (GDPR): email, name, avatar, external id, password and his
     * presence message go; the row stays, anonymised and inactive, so that the other party's call
     * history keeps its calls ("Deleted user"). The last active admin cannot be deleted
     * ({@link LastAdminException}). Run it after {@link #lockAdminChanges} in one transaction.
     *
     * @return the user as he was, empty if there is no such (living) user
     */
    public Optional<User> delete(UUID id) {
        Optional<User> before = findLiving(id);
        if (before.isEmpty()) return before;
        int deleted = jdbc.sql("WITH u AS (UPDATE users SET email = NULL, display_name = 'Deleted user', avatar_url = NULL, "
                        + "external_id = NULL, password_hash = NULL, active = false, deleted_at = now(), updated_at = now(), "
                        + "deleted_external_id_hash = CASE WHEN external_id IS NULL THEN NULL ELSE sha256(convert_to(external_id, 'UTF8')) END "
                        + "WHERE id = ? AND deleted_at IS NULL AND (role <> 'admin' OR NOT active "
                        + "    OR EXISTS (SELECT 1 FROM users o WHERE o.id <> ? AND o.role = 'admin' AND o.active)) "
                        + "RETURNING *, (SELECT p.external_id FROM users p WHERE p.id = users.id) AS old_external_id)"
                        + USER_DELETED + " SELECT count(*) FROM u")
                .params(id, id).query(Integer.class).single();
        if (deleted == 0) throw new LastAdminException();
        jdbc.sql("UPDATE user_presence SET status_message = NULL, status_message_expires_at = NULL, device_info = NULL "
                + "WHERE user_id = ?").param(id).update();
        return before;
    }

    /** Whether a user with this external id was deleted and none has it now. */
    public boolean wasDeleted(String externalId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE deleted_external_id_hash = sha256(convert_to(?, 'UTF8'))) "
                        + "AND NOT EXISTS (SELECT 1 FROM users WHERE external_id = ?)")
                .params(externalId, externalId).query(Boolean.class).single();
    }

    /** The user unless he was deleted. */
    public Optional<User> findLiving(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ? AND deleted_at IS NULL").param(id).query(USER).optional();
    }

    public long countAdmins() {
        return jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin' AND active").query(Long.class).single();
    }

    public List<User> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE deleted_at IS NULL ORDER BY display_name, id").query(USER).list();
    }

    /**
     * Everyone the viewer may see: the viewer himself and the active users of the roles
     * {@link VisibilityPolicy} lets him see.
     */
    public List<User> findVisibleTo(UUID viewerId, Role viewerRole) {
        String[] roles = VisibilityPolicy.rolesSeenBy(viewerRole).stream().map(Role::wire).toArray(String[]::new);
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE (role = ANY(?) AND active) OR id = ? ORDER BY display_name, id")
                .params(roles, viewerId).query(USER).list();
    }
}
