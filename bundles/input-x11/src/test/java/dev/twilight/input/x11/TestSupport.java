package dev.twilight.input.x11;

import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.List;

/** What the sink's tests build: its configuration, and the session events it listens to. */
final class TestSupport {

    private TestSupport() {
    }

    static X11InputSink.Config config(boolean enabled, String display) {
        return new X11InputSink.Config() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String display() {
                return display;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return X11InputSink.Config.class;
            }
        };
    }

    /** Tells the sink that a session ended, as the session manager does. */
    static void endSession(X11InputSink sink, String sessionId) {
        sink.sessionEvent(new Session(sessionId, SessionState.ENDED),
                new SessionEvent(Instant.now(), SessionState.ENDED, "cancel", "admin", "ended by the test"));
    }

    private record Session(String id, SessionState state) implements StreamSession {
        @Override
        public ClientRef client() {
            return new ClientRef("c", "Test client", "0123456789ABCDEF", "127.0.0.1");
        }

        @Override
        public int appId() {
            return 1;
        }

        @Override
        public LaunchParameters parameters() {
            return new LaunchParameters(1, 1280, 720, 60, new byte[16], 1, false, 0x30002, false, 1, false, 1);
        }

        @Override
        public Instant lastHeard() {
            return Instant.EPOCH;
        }

        @Override
        public List<SessionEvent> history() {
            return List.of();
        }
    }
}
