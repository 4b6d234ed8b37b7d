package com.lstmautoml.ui.fakes;

import com.vaadin.flow.server.Command;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A Vaadin session without a service or servlet container, always "locked" by the test thread: enough for views that
 * keep attributes in it. Install with {@link VaadinSession#setCurrent}. {@code UI.access} commands wait in
 * {@link #pendingAccess} until the test runs them ({@link #runPendingAccess()}), as Vaadin runs them once it has the
 * session's lock.
 */
public class TestSession extends VaadinSession {

    public boolean invalidated;
    public final List<Command> pendingAccess = new ArrayList<>();
    private final Map<String, Object> http = new HashMap<>();
    private final WrappedSession wrapped = new WrappedSession() {
        @Override
        public int getMaxInactiveInterval() {
            return 1800;
        }

        @Override
        public void setMaxInactiveInterval(int interval) {
        }

        @Override
        public Object getAttribute(String name) {
            return http.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            http.put(name, value);
        }

        @Override
        public Set<String> getAttributeNames() {
            return http.keySet();
        }

        @Override
        public void invalidate() {
            invalidated = true;
        }

        @Override
        public String getId() {
            return "test-session";
        }

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public long getLastAccessedTime() {
            return 0;
        }

        @Override
        public boolean isNew() {
            return false;
        }

        @Override
        public void removeAttribute(String name) {
            http.remove(name);
        }
    };

    public TestSession() {
        super(null);
    }

    @Override
    public boolean hasLock() {
        return true;
    }

    @Override
    public void checkHasLock() {
    }

    @Override
    public void checkHasLock(String message) {
    }

    @Override
    public Future<Void> access(Command command) {
        pendingAccess.add(command);
        return CompletableFuture.completedFuture(null);
    }

    /** Runs the {@code UI.access} commands so far, as the session's lock holder would. */
    public void runPendingAccess() {
        List<Command> commands = List.copyOf(pendingAccess);
        pendingAccess.clear();
        commands.forEach(Command::execute);
    }

    @Override
    public void lock() {
    }

    @Override
    public void unlock() {
    }

    @Override
    public WrappedSession getSession() {
        return wrapped;
    }
}
