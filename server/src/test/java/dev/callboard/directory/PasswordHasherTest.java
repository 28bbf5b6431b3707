package dev.callboard.directory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    static final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAndTheDocumentedParameters() {
        assertThat(hasher.hash("s3cret-password")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("s3cret-password");
        assertThat(hasher.matches("s3cret-password", hash)).isTrue();
        assertThat(hasher.matches("s3cret-passwore", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void unknownUserNeverMatches() {
        assertThat(hasher.matches("dummy password that never matches anything", null)).isFalse();
    }

    @Test
    void garbageHashDoesNotMatch() {
        assertThat(hasher.matches("x", "not-a-hash")).isFalse();
    }

    @Test
    void hashesWithOtherParametersStillVerify() {
        String stronger = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 32768, 3)
                .encode("old-password");
        assertThat(hasher.matches("old-password", stronger)).isTrue();
    }
}
