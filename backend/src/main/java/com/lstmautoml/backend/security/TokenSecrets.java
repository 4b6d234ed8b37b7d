package com.lstmautoml.backend.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API token secrets: {@code lsa_} and 43 base64url characters (256 random bits). Stored as their SHA-256 (a fast
 * hash is enough for 256 bits of entropy, and lets a request find its token by an indexed lookup).
 */
public final class TokenSecrets {

    public static final String PREFIX = "lsa_";
    /** How many characters of a secret are kept to recognise it by (the prefix and 6 more). */
    static final int SHOWN = PREFIX.length() + 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** What lists show of a secret: "lsa_AbCdEf…". */
    public static String shown(String secret) {
        return secret.substring(0, Math.min(SHOWN, secret.length())) + "…";
    }

    /** Whether a string could be a secret at all (cheap check before any database lookup). */
    public static boolean plausible(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() >= 20 && secret.length() <= 200;
    }
}
