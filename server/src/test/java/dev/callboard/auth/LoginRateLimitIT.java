package dev.callboard.auth;

import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import dev.callboard.support.MovableClock;
import dev.callboard.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

/** 3 failed attempts per email and 5 per IP per minute; every request here comes from 127.0.0.1. */
@TestPropertySource(properties = {
        "callboard.auth.login-attempts-per-minute=3",
        "callboard.auth.login-attempts-per-ip-per-minute=5"})
@Import(MovableClock.class)
class LoginRateLimitIT extends AuthIntegrationTest {

    @Autowired
    MutableClock clock;

    @BeforeEach
    void freshBudgets() {
        clock.advance(Duration.ofMinutes(5)); // every bucket refills completely
    }

    @Test
    void anEmailIsBlockedAfterTooManyFailuresEvenWithTheRightPassword() {
        User victim = createUser(Role.CLIENT);
        for (int i = 0; i < 3; i++) attempt(victim.email(), "wrong").expectStatus().isUnauthorized();

        attempt(victim.email(), PASSWORD).expectStatus().isEqualTo(429)
                .expectBody().json("{\"error\":{\"code\":\"rate_limited\"}}")
                .jsonPath("$.error.message").isNotEmpty();
        attempt(victim.email().toUpperCase(), PASSWORD).expectStatus().isEqualTo(429);

        // another account from the same address is not affected
        User other = createUser(Role.CLIENT);
        attempt(other.email(), PASSWORD).expectStatus().isOk();

        // one attempt comes back every 60 s / 3 = 20 s
        clock.advance(Duration.ofSeconds(20));
        attempt(victim.email(), PASSWORD).expectStatus().isOk();
    }

    @Test
    void anAddressIsBlockedAfterTooManyFailuresAcrossEmails() {
        attempt("a-" + System.nanoTime() + "@example.com", "wrong").expectStatus().isUnauthorized();
        attempt("b-" + System.nanoTime() + "@example.com", "wrong").expectStatus().isUnauthorized();
        attempt("c-" + System.nanoTime() + "@example.com", "wrong").expectStatus().isUnauthorized();
        attempt("d-" + System.nanoTime() + "@example.com", "wrong").expectStatus().isUnauthorized();
        attempt("e-" + System.nanoTime() + "@example.com", "wrong").expectStatus().isUnauthorized();

        User fresh = createUser(Role.CLIENT);
        attempt(fresh.email(), PASSWORD).expectStatus().isEqualTo(429);

        clock.advance(Duration.ofMinutes(1));
        attempt(fresh.email(), PASSWORD).expectStatus().isOk();
    }

    @Test
    void successfulLoginsDoNotUseUpTheBudget() {
        User user = createUser(Role.CLIENT);
        for (int i = 0; i < 10; i++) attempt(user.email(), PASSWORD).expectStatus().isOk();
        // the budget is still whole: three failures are still answered 401, the fourth attempt is limited
        for (int i = 0; i < 3; i++) attempt(user.email(), "wrong").expectStatus().isUnauthorized();
        attempt(user.email(), "wrong").expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec attempt(String email, String password) {
        return http().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange();
    }
}
