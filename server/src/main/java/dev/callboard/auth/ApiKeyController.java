package dev.callboard.auth;

import dev.callboard.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admin-only: {@code POST/GET /api/api-keys}, {@code DELETE /api/api-keys/{id}} (revoke). */
@RestController
public class ApiKeyController {
    public record NewApiKey(String name) {}

    private final ApiKeys keys;

    public ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/api/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    public ApiKeys.Created create(CurrentUser admin, @RequestBody NewApiKey body) {
        return keys.create(admin, body.name());
    }

    @GetMapping("/api/api-keys")
    public List<ApiKeys.ApiKey> list(CurrentUser admin) {
        return keys.list(admin);
    }

    @DeleteMapping("/api/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revoke(CurrentUser admin, @PathVariable String id) {
        keys.revoke(admin, id);
    }
}
