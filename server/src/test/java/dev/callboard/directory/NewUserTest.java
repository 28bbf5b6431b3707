package dev.callboard.directory;

import dev.callboard.error.DomainException;
import dev.callboard.identity.Role;
import dev.callboard.web.ErrorMapping;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NewUserTest {
    @Test
    void normalizesTheValidForm() {
        NewUser.Valid v = new NewUser(" Ann.Lee@Example.COM ", "  Ann Lee ", "admin", "long enough, rare enough",
                " https://cdn.example.com/a.png?s=64 ").validated();
        assertThat(v).isEqualTo(new NewUser.Valid("ann.lee@example.com", "Ann Lee", Role.ADMIN, "long enough, rare enough",
                "https://cdn.example.com/a.png?s=64"));
    }

    @Test
    void blankAvatarMeansNone() {
        assertThat(new NewUser("a@example.com", "A", "client", "long enough, rare enough", "  ").validated().avatarUrl()).isNull();
    }

    @Test
    void passwordIsNotTrimmedOrTouched() {
        assertThat(new NewUser("a@example.com", "A", "client", "  pass  ", null).validated().password()).isEqualTo("  pass  ");
    }

    @Test
    void errorsAre400WithTheFieldName() {
        assertThatThrownBy(() -> new NewUser("a@example.com", "A", "owner", "long enough, rare enough", null).validated())
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(ErrorMapping.status(e)).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad_request");
                    assertThat(e.getMessage()).contains("role");
                });
        assertThatThrownBy(() -> new NewUser("a@example.com", "A", "client", "x".repeat(1025), null).validated())
                .hasMessageContaining("password");
    }

    @Test
    void commonPasswordsAndTheEmailAreRefusedWhateverTheirCase() {
        for (String common : new String[]{"12345678", "password", "PassWord", "qwertyuiop", "iloveyou", "football"}) {
            assertThatThrownBy(() -> new NewUser("a@example.com", "A", "client", common, null).validated())
                    .as(common).isInstanceOf(DomainException.Invalid.class).hasMessageContaining("common");
        }
        assertThatThrownBy(() -> new NewUser("ann.lee@example.com", "A", "client", "Ann.Lee@Example.com", null).validated())
                .hasMessageContaining("email");
        assertThatThrownBy(() -> new NewUser("annalee99@example.com", "A", "client", "annalee99", null).validated())
                .hasMessageContaining("email");
        assertThat(new NewUser("a@example.com", "A", "client", "correct horse battery", null).validated().password())
                .isEqualTo("correct horse battery");
    }
}
