package com.lstmautoml.backend.security;

import com.lstmautoml.backend.testing.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated first-start password goes to the terminal or to an owner-only file, never to the log. */
class FirstStartPasswordTest {

    private static final String PASSWORD = "Zq8-first-start-secret-41";

    @Test
    void withoutATerminalThePasswordGoesToAnOwnerOnlyFileAndTheLogOnlyNamesIt(@TempDir Path dataDir)
            throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String where;
        List<String> logged;
        try (CapturedLog log = CapturedLog.start()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            where = new FirstStartPassword(null, dataDir).tell("admin", PASSWORD);
            logged = log.lines();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        Path file = dataDir.resolve(FirstStartPassword.FILE);
        // the password is in the file, readable by its owner only
        assertThat(where).isEqualTo(file.toString());
        assertThat(Files.readString(file)).contains("user:     admin").contains("password: " + PASSWORD);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // nothing printed or logged holds it; the log names the file
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
        assertThat(logged).noneMatch(l -> l.contains(PASSWORD));
        assertThat(logged).anyMatch(l -> l.contains(file.toString()));
    }

    @Test
    void onATerminalItIsShownThereAndNoFileIsWritten(@TempDir Path dataDir) {
        StringWriter terminal = new StringWriter();
        String where = new FirstStartPassword(new PrintWriter(terminal), dataDir).tell("admin", PASSWORD);
        // shown once on the terminal, no file left behind
        assertThat(where).isEqualTo("the terminal");
        assertThat(terminal.toString()).contains("password: " + PASSWORD);
        assertThat(dataDir.resolve(FirstStartPassword.FILE)).doesNotExist();
    }
}
