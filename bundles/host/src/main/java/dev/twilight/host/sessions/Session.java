package dev.twilight.host.sessions;

import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One session and its state machine. Transitions only go forward and are made by {@link HostSessionManager}
 * under its lock; everything here can be read from any thread. Timeouts are measured on the monotonic clock,
 * so a wall-clock jump neither kills nor immortalises a session.
 */
final class Session implements StreamSession {

    private final String id;
    private final ClientRef client;
    private final int appId;
    private final LaunchParameters parameters;
    private final List<SessionEvent> history = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> told = new CompletableFuture<>();
    private volatile SessionState state = SessionState.PENDING_LAUNCH;
    private volatile long stateSinceNanos = System.nanoTime();
    private volatile Instant lastHeard = Instant.now();
    private volatile long lastHeardNanos = stateSinceNanos;

    Session(String id, ClientRef client, int appId, LaunchParameters parameters, String what, String why) {
        this.id = id;
        this.client = client;
        this.appId = appId;
        this.parameters = parameters;
        history.add(new SessionEvent(lastHeard, state, what, client.name(), why));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ClientRef client() {
        return client;
    }

    @Override
    public int appId() {
        return appId;
    }

    @Override
    public LaunchParameters parameters() {
        return parameters;
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public Instant lastHeard() {
        return lastHeard;
    }

    @Override
    public List<SessionEvent> history() {
        return List.copyOf(history);
    }

    /** @return the new event, or null when the session is already in that state or past it */
    SessionEvent advance(SessionState next, String what, String who, String why) {
        if (next.ordinal() <= state.ordinal()) {
            return null;
        }
        state = next;
        stateSinceNanos = System.nanoTime();
        if (next == SessionState.STREAMING) {
            heard();
        }
        SessionEvent event = new SessionEvent(Instant.now(), next, what, who, why);
        history.add(event);
        return event;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
        lastHeard = Instant.now();
    }

    long nanosSinceHeard(long now) {
        return now - lastHeardNanos;
    }

    long nanosInState(long now) {
        return now - stateSinceNanos;
    }

    /** Completed once the listeners have heard that the session ended. */
    CompletableFuture<Void> told() {
        return told;
    }

    @Override
    public String toString() {
        return "session " + id + " of '" + client.name() + "' (" + state + ")";
    }
}
