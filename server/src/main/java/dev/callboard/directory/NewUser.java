package dev.callboard.directory;

import dev.callboard.error.DomainException;
import dev.callboard.identity.Role;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/users}. Only these fields are read: server-owned fields such as
 * {@code id} or {@code createdAt} in the JSON are ignored (Jackson's default for this API), so they
 * can never be assigned. {@link #validated()} checks everything and returns the canonical form.
 * Passwords follow NIST SP 800-63B: 8 to 1,024 characters of anything (no composition rules), not one
 * of the most common passwords ({@link CommonPasswords}), not the email address.
 */
public record NewUser(String email, String displayName, String role, String password, String avatarUrl) {
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_DISPLAY_NAME_LENGTH = 100;
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 1024;
    static final int MAX_AVATAR_URL_LENGTH = 2048;
    /** Pragmatic: one @, no spaces, a dot in the domain. Deliverability is the admin's business. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

    /** The checked, normalized values: email trimmed and lower-cased, name trimmed, role parsed. */
    public record Valid(String email, String displayName, Role role, String password, String avatarUrl) {}

    public Valid validated() {
        String e = validEmail(email);
        String name = validDisplayName(displayName);
        Role parsedRole = Role.parse(role);
        validPassword(password, e);
        return new Valid(e, name, parsedRole, password, validAvatarUrl(avatarUrl));
    }

    /** The password rules (NIST SP 800-63B); {@code email} may be null for a user without one. */
    static String validPassword(String password, String email) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw DomainException.invalid("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw DomainException.invalid("password must be at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (CommonPasswords.contains(password)) {
            throw DomainException.invalid("password is one of the most common passwords; choose another");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null && (lower.equals(email) || lower.equals(email.substring(0, email.indexOf('@'))))) {
            throw DomainException.invalid("password must not be the email address");
        }
        return password;
    }

    static String validEmail(String raw) {
        String e = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (e.isEmpty() || e.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(e).matches()) {
            throw DomainException.invalid("email must be a valid email address");
        }
        return e;
    }

    static String validDisplayName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) throw DomainException.invalid("displayName must not be blank");
        if (name.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw DomainException.invalid("displayName must be at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
        }
        return name;
    }

    /** An http(s) URL, or null for none (blank clears it). */
    static String validAvatarUrl(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String url = raw.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() <= MAX_AVATAR_URL_LENGTH && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException ignored) {
            // fall through to the error below
        }
        throw DomainException.invalid("avatarUrl must be an http or https URL");
    }
}
