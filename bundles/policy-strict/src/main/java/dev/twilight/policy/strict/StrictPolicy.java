package dev.twilight.policy.strict;

import dev.twilight.api.session.PolicyDecision;
import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.api.session.SessionRequest;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;

/**
 * One streaming client at a time, and no quitting while a stream is live: GameStream's behaviour before
 * Sunshine PR #3325. Unlike the original it cannot lock anybody out for good: a client may always replace its
 * own stale stream, every refusal says how long the ping timeout still needs to end a stream whose client is
 * gone, and the host derives "live" from real sessions, so that wait always ends.
 */
@Component(service = SessionPolicy.class)
public class StrictPolicy implements SessionPolicy {

    static final String NAME = "strict";
    private static final String SWITCH = "switch to the lenient policy (twilight:policy lenient)";

    private final Clock clock;

    public StrictPolicy() {
        this(Clock.systemUTC());
    }

    StrictPolicy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one streaming client at a time; quitting the app is refused while a stream is live";
    }

    @Override
    public PolicyDecision decide(SessionRequest request, List<StreamSession> live) {
        Instant now = clock.instant();
        List<StreamSession> active = live.stream()
                .filter(session -> session.state() == SessionState.PENDING_LAUNCH
                        || session.state() == SessionState.STREAMING)
                .toList();
        if (request.action() == SessionRequest.Action.CANCEL) {
            return active.isEmpty() ? PolicyDecision.allow() : refuseQuit(active, request.pingTimeout(), now);
        }
        String asking = request.client().id();
        List<StreamSession> others = active.stream().filter(session -> !session.client().id().equals(asking))
                .toList();
        if (!others.isEmpty()) {
            StreamSession other = others.get(0);
            String name = other.client().name();
            return PolicyDecision.refuse(new Refusal(503, "stream-live",
                    name + (other.state() == SessionState.STREAMING ? " is streaming" : " is starting a stream")
                            + " since " + started(other).truncatedTo(ChronoUnit.SECONDS) + " (last heard "
                            + secondsSinceHeard(other, now) + " s ago); only one client may stream at a time under "
                            + "the strict policy",
                    "ask " + name + " to disconnect, or wait up to " + secondsLeft(other, request.pingTimeout(), now)
                            + " s for the ping timeout to end a stream whose client is gone, or " + SWITCH));
        }
        // the asking client's own stream is stale (it paused or lost its connection): it must not lock it out
        return PolicyDecision.allowAfterEnding(active.stream().map(StreamSession::id).toList());
    }

    private static PolicyDecision refuseQuit(List<StreamSession> active, Duration pingTimeout, Instant now) {
        String sessions = active.stream()
                .map(session -> session.client().name() + " (" + session.state() + ", last heard "
                        + secondsSinceHeard(session, now) + " s ago)")
                .collect(Collectors.joining(", "));
        String names = active.stream().map(session -> session.client().name()).distinct()
                .collect(Collectors.joining(", "));
        StreamSession stalest = active.stream().min(Comparator.comparing(StreamSession::lastHeard)).orElseThrow();
        return PolicyDecision.refuse(new Refusal(503, "sessions-live",
                "All sessions must be disconnected before quitting: " + sessions,
                "disconnect the stream on " + names + ", or wait up to " + secondsLeft(stalest, pingTimeout, now)
                        + " s for the ping timeout to end a stream whose client is gone, or " + SWITCH));
    }

    private static Instant started(StreamSession session) {
        List<SessionEvent> history = session.history();
        return history.isEmpty() ? session.lastHeard() : history.get(0).at();
    }

    private static long secondsSinceHeard(StreamSession session, Instant now) {
        return Math.max(0, Duration.between(session.lastHeard(), now).toSeconds());
    }

    /** Whole seconds, rounded up, until the ping timeout ends the session if its client stays silent. */
    private static long secondsLeft(StreamSession session, Duration pingTimeout, Instant now) {
        long millis = pingTimeout.minus(Duration.between(session.lastHeard(), now)).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }
}
