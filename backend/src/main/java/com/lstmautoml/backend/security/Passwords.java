package com.lstmautoml.backend.security;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** bcrypt hashes of passwords, and generated passwords. Plain passwords never leave this class's callers' stack. */
public final class Passwords {

    /** The shortest password a user may choose. */
    public static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused. */
    public static final int MAX_BYTES = 72;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final int cost;
    /** Compared against when a username is unknown, so that both cases take the time of one bcrypt check. */
    private final String decoy;

    public Passwords(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be between 4 and 31, not " + cost);
        }
        this.cost = cost;
        this.decoy = hash(generate());
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, cost);
    }

    /** Whether the password matches the hash; with a null hash, checks against a decoy and answers false. */
    public boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        boolean ok;
        try {
            ok = OpenBSDBCrypt.checkPassword(hash == null ? decoy : hash, password.toCharArray());
        } catch (IllegalArgumentException notBcrypt) {
            return false; // a stored value that is no bcrypt hash matches nothing
        }
        return hash != null && ok;
    }

    /** A password of 20 unambiguous letters and digits (about 116 bits). */
    public static String generate() {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** What is wrong with a chosen password, or null when it is acceptable. */
    public static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes (bcrypt ignores the rest)";
        }
        if (password.isBlank()) {
            return "must not be only spaces";
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return "must have at least " + MIN_DISTINCT_CHARACTERS + " different characters";
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            return "is one of the most common passwords; choose another";
        }
        return null;
    }

    /** Fewer different characters than this ({@code aaaaaaaaaa}, {@code ababababab}) is refused. */
    public static final int MIN_DISTINCT_CHARACTERS = 3;

    /** The bundled list of common passwords (lower case), {@code security/common-passwords.txt}. */
    private static final Set<String> COMMON = loadCommon();

    private static Set<String> loadCommon() {
        try (InputStream in = Passwords.class.getResourceAsStream("/security/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("security/common-passwords.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
