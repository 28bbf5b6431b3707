package dev.callboard.directory;

import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admin-only account management: {@code GET /api/users}, {@code POST /api/users}, {@code POST /api/users/import}. */
@RestController
public class UserAdminController {
    private final UserAdministration administration;
    private final UserImport imports;

    public UserAdminController(UserAdministration administration, UserImport imports) {
        this.administration = administration;
        this.imports = imports;
    }

    @GetMapping("/api/users")
    public List<User> list(CurrentUser actor) {
        return administration.list(actor);
    }

    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    public User create(CurrentUser actor, @RequestBody NewUser body) {
        return administration.create(actor, body);
    }

    /** Bulk import, JSON: an array of rows. */
    @PostMapping(value = "/api/users/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    public UserImport.Result importJson(CurrentUser actor, @RequestBody List<UserImport.Row> body) {
        return imports.importRows(actor, body);
    }

    /** Bulk import, CSV: a header row, then one user per line. */
    @PostMapping(value = "/api/users/import", consumes = "text/csv")
    public UserImport.Result importCsv(CurrentUser actor, @RequestBody String body) {
        return imports.importCsv(actor, body);
    }
}
