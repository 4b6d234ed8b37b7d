package com.lstmautoml.backend.security;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands the generated first-start password to the person installing, never to the log: on the terminal when the
 * service runs on one ({@link System#console()}), else into {@value #FILE} in the data folder, readable by its owner
 * only (0600), and the log says where. Output redirected to a file (a service manager, {@code ./start.sh > log}) is a
 * log, so the password does not go to standard output then.
 */
final class FirstStartPassword {

    private static final Logger LOG = Logger.getLogger(FirstStartPassword.class);
    static final String FILE = "first-start-password";

    private final PrintWriter terminal;
    private final Path dataDir;

    /**
     * @param terminal the terminal's writer, or null when the service does not run on one
     * @param dataDir  the data folder ({@code automl.data-dir})
     */
    FirstStartPassword(PrintWriter terminal, Path dataDir) {
        this.terminal = terminal;
        this.dataDir = dataDir;
    }

    static FirstStartPassword forThisProcess(Path dataDir) {
        return new FirstStartPassword(System.console() == null ? null : System.console().writer(), dataDir);
    }

    /** @return where the password went: "the terminal" or the file's path */
    String tell(String username, String password) {
        String banner = "\n========================================================================\n"
                + " LSTM AutoML: first start. Sign in to the dashboard as\n"
                + "   user:     " + username + "\n"
                + "   password: " + password + "\n"
                + " This password is shown only now; change it in the dashboard (user menu).\n"
                + "========================================================================\n";
        if (terminal != null) {
            terminal.println(banner);
            terminal.flush();
            return "the terminal";
        }
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, banner.replace(" This password is shown only now",
                    " Delete this file once you have signed in") + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the first-start password to " + file
                    + "; set automl.security.admin-password (AUTOML_SECURITY_ADMIN_PASSWORD) instead", e);
        }
        LOG.infof("first start: the generated password of %s is in %s (readable by its owner only; not logged)",
                username, file);
        return file.toString();
    }
}
