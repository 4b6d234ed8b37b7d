package com.lstmautoml.ui.fakes;

import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Vaadin session without a service or servlet container, always "locked" by the test thread: enough for views that
 * keep attributes in it. Install with {@link VaadinSession#setCurrent}.
 */
public class TestSession extends VaadinSession {

    public boolean invalidated;
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
    public WrappedSession getSession() {
        return wrapped;
    }
}
