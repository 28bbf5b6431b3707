package dev.callboard.directory;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.identity.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * Bulk import for a first install: many users at once, as JSON or CSV (a header row naming the
 * columns). A row with a {@code password} is a Callboard account; one with an {@code externalId} and
 * no password is a user the host app manages. All or nothing: if any row is invalid, nothing is
 * created and the answer names the rows; users that already exist (same email or external id) are
 * skipped, so an import can be run again.
 */
@Service
public class UserImport {
    static final int MAX_ROWS = 1000;
    static final int MAX_REPORTED_ERRORS = 20;
    private static final CsvMapper CSV = CsvMapper.builder().build();

    /** One row; the columns of a CSV file have these names. */
    public record Row(String email, String displayName, String role, String password, String avatarUrl, String externalId) {}

    public record Result(int created, int skipped, List<User> users) {}

    private sealed interface Checked permits Local, Hosted {}

    private record Local(NewUser.Valid user) implements Checked {}

    private record Hosted(ExternalProfile.Valid user) implements Checked {}

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TransactionTemplate tx;

    public UserImport(UserRepository users, PasswordHasher hasher, TransactionTemplate tx) {
        this.users = users;
        this.hasher = hasher;
        this.tx = tx;
    }

    public Result importCsv(CurrentUser admin, String csv) {
        admin.requireAdmin();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Row> it = CSV.readerFor(Row.class).with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            while (it.hasNext()) {
                rows.add(it.next());
                if (rows.size() > MAX_ROWS) break;
            }
        } catch (JacksonException e) {
            throw DomainException.invalid("not a CSV file with a header row of email, displayName, role, password, avatarUrl, externalId");
        }
        return importRows(admin, rows);
    }

    public Result importRows(CurrentUser admin, List<Row> rows) {
        admin.requireAdmin();
        if (rows == null || rows.isEmpty()) throw DomainException.invalid("no users to import");
        if (rows.size() > MAX_ROWS) throw DomainException.invalid("at most " + MAX_ROWS + " users at once");
        List<Checked> checked = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        java.util.Set<String> emails = new java.util.HashSet<>();
        java.util.Set<String> externalIds = new java.util.HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                Checked row = check(rows.get(i));
                String email = row instanceof Local l ? l.user().email() : ((Hosted) row).user().email();
                if (email != null && !emails.add(email)) throw DomainException.invalid("email " + email + " is in an earlier row too");
                if (row instanceof Hosted h && !externalIds.add(h.user().externalId())) {
                    throw DomainException.invalid("externalId " + h.user().externalId() + " is in an earlier row too");
                }
                checked.add(row);
            } catch (DomainException e) {
                errors.add("row " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            String shown = String.join("; ", errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS)));
            throw DomainException.invalid("invalid_rows", errors.size() + " invalid row(s), nothing imported: " + shown);
        }
        // hashing is the slow part (Argon2id): done before the transaction, only for rows that need it
        List<String> hashes = checked.stream().map(c -> c instanceof Local l ? hasher.hash(l.user().password()) : null).toList();
        try {
            return insert(checked, hashes);
        } catch (UserRepository.EmailTakenException e) {
            throw DomainException.conflict("email_taken", "a user with one of these emails was created meanwhile; run the import again");
        }
    }

    private Result insert(List<Checked> checked, List<String> hashes) {
        return tx.execute(status -> {
            List<User> created = new ArrayList<>();
            int skipped = 0;
            for (int i = 0; i < checked.size(); i++) {
                User user = switch (checked.get(i)) {
                    case Local l -> exists(l.user().email(), null) ? null
                            : users.create(l.user().email(), l.user().displayName(), l.user().role(), l.user().avatarUrl(), hashes.get(i));
                    case Hosted h -> exists(h.user().email(), h.user().externalId()) ? null
                            : users.createExternal(h.user().externalId(), h.user().email(), h.user().displayName(),
                                    h.user().role() == null ? Role.CLIENT : h.user().role(), h.user().avatarUrl());
                };
                if (user == null) skipped++;
                else created.add(user);
            }
            return new Result(created.size(), skipped, created);
        });
    }

    private boolean exists(String email, String externalId) {
        return (email != null && users.findByEmail(email).isPresent())
                || (externalId != null && users.findByExternalId(externalId).isPresent());
    }

    private static Checked check(Row row) {
        if (row == null) throw DomainException.invalid("empty row");
        if (row.password() != null && !row.password().isEmpty()) {
            if (row.externalId() != null && !row.externalId().isEmpty()) {
                throw DomainException.invalid("give a password or an externalId, not both");
            }
            return new Local(new NewUser(row.email(), row.displayName(), row.role() == null || row.role().isEmpty() ? "client" : row.role(),
                    row.password(), row.avatarUrl()).validated());
        }
        if (row.externalId() == null || row.externalId().isEmpty()) throw DomainException.invalid("give a password or an externalId");
        return new Hosted(new ExternalProfile(row.email(), row.displayName(), row.avatarUrl(),
                row.role() == null || row.role().isEmpty() ? null : row.role(), null).validated(row.externalId()));
    }

}
