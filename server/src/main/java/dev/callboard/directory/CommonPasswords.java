package dev.callboard.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Passwords too common to accept (NIST SP 800-63B: check new passwords against values known to be
 * commonly used): the list shipped in {@code passwords/common-passwords.txt}, read once.
 */
final class CommonPasswords {
    private static final String RESOURCE = "/passwords/common-passwords.txt";

    private CommonPasswords() {}

    /** Loaded on first use only: a start-up that creates no user never reads the list. */
    private static final class Holder {
        static final Set<String> PASSWORDS = load();
    }

    static boolean contains(String password) {
        return Holder.PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) passwords.add(line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
