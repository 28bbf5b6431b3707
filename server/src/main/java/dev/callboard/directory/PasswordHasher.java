package dev.callboard.directory;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing. Parameters (OWASP Password Storage Cheat Sheet, minimum configuration):
 * memory 19 MiB, 2 iterations, parallelism 1, 16-byte salt, 32-byte hash. That is about 30-60 ms per
 * hash on one core here, which keeps login (and tests that create many users) quick while making
 * offline guessing expensive. The parameters are stored inside every hash ({@code $argon2id$v=19$m=...}),
 * so raising them later only affects new hashes; old ones still verify.
 */
@Component
public class PasswordHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    /** Verified against when the email is unknown, so both failures cost the same time. */
    private final String dummyHash = encoder.encode("dummy password that never matches anything");

    public String hash(String password) {
        return encoder.encode(password);
    }

    /** @param hash the stored hash, or null for an unknown user (then a dummy hash is checked and false returned) */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            encoder.matches(password, dummyHash);
            return false;
        }
        return encoder.matches(password, hash);
    }
}
