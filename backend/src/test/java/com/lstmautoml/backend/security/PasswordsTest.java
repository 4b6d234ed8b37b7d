package com.lstmautoml.backend.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a chosen password must be: long enough, not trivially repetitive, not a common one. */
class PasswordsTest {

    @Test
    void weakPasswordsAreNamedAndGoodOnesPass() {
        // too short, or over bcrypt's 72 bytes
        assertThat(Passwords.weakness("short")).contains("at least 10");
        assertThat(Passwords.weakness("x".repeat(73))).contains("at most 72");
        // fewer than 3 different characters
        assertThat(Passwords.weakness("aaaaaaaaaa")).contains("3 different characters");
        assertThat(Passwords.weakness("abababababab")).contains("3 different characters");
        // on the bundled list of common passwords, whatever the case
        assertThat(Passwords.weakness("password123")).contains("common");
        assertThat(Passwords.weakness("QwertyUiop")).contains("common");
        assertThat(Passwords.weakness("1234567890")).contains("common");
        // acceptable
        assertThat(Passwords.weakness("abcabcabca")).isNull();
        assertThat(Passwords.weakness("correct horse battery")).isNull();
        assertThat(Passwords.weakness(Passwords.generate())).isNull();
    }
}
