package dev.twilight.policy.strict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.PolicyDecision;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionRequest;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictPolicyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T20:00:00.500Z");
    private static final Duration PING = Duration.ofSeconds(10);
    private static final ClientRef ALICE = new ClientRef("a", "Alice", "0123456789ABCDEF", "10.0.0.2");
    private static final ClientRef BOB = new ClientRef("b", "Bob", "0123456789ABCDEF", "10.0.0.3");

    private final StrictPolicy policy = new StrictPolicy(Clock.fixed(NOW, ZoneOffset.UTC));

    /** A session as the host would show it: started a minute ago, last heard some seconds ago. */
    record Session(String id, ClientRef client, SessionState state, Instant lastHeard) implements StreamSession {

        static Session of(String id, ClientRef client, SessionState state, long silentMillis) {
            return new Session(id, client, state, NOW.minusMillis(silentMillis));
        }

        @Override
        public int appId() {
            return 7;
        }

        @Override
        public LaunchParameters parameters() {
            return new LaunchParameters(7, 1920, 1080, 60, new byte[16], 1, false, 0x30002, false, 1, false, 1);
        }

        @Override
        public List<SessionEvent> history() {
            return List.of(new SessionEvent(Instant.parse("2025-03-01T19:59:00.250Z"), SessionState.PENDING_LAUNCH,
                    "launch", client.name(), "launch of Game"));
        }
    }

    private PolicyDecision decide(SessionRequest.Action action, ClientRef client, StreamSession... live) {
        return policy.decide(new SessionRequest(action, client, 7, 7, PING), List.of(live));
    }

    @Test
    void itIsNamedStrict() {
        assertEquals("strict", policy.name());
        assertFalse(policy.description().isBlank());
    }

    @Test
    void anyoneMayStartWhenNothingStreams() {
        Session stopping = Session.of("s0", ALICE, SessionState.STOPPING, 0);
        for (SessionRequest.Action action : SessionRequest.Action.values()) {
            PolicyDecision decision = decide(action, BOB, stopping);
            assertTrue(decision.allowed(), action.name());
            assertEquals(List.of(), decision.sessionsToEnd(), action.name());
        }
    }

    @Test
    void anotherClientIsRefusedWhileAStreamLives() {
        Session alice = Session.of("s1", ALICE, SessionState.STREAMING, 4_000);
        for (SessionRequest.Action action : List.of(SessionRequest.Action.LAUNCH, SessionRequest.Action.RESUME)) {
            PolicyDecision decision = decide(action, BOB, alice);
            assertFalse(decision.allowed());
            assertEquals(503, decision.refusal().status());
            assertEquals("stream-live", decision.refusal().reasonCode());
            assertEquals("Alice is streaming since 2025-03-01T19:59:00Z (last heard 4 s ago); only one client may "
                    + "stream at a time under the strict policy", decision.refusal().message());
            assertEquals("ask Alice to disconnect, or wait up to 6 s for the ping timeout to end a stream whose "
                    + "client is gone, or switch to the lenient policy (twilight:policy lenient)",
                    decision.refusal().remedy());
        }
        PolicyDecision pending = decide(SessionRequest.Action.LAUNCH, BOB,
                Session.of("s2", ALICE, SessionState.PENDING_LAUNCH, 0));
        assertTrue(pending.refusal().message().startsWith("Alice is starting a stream since"));
    }

    @Test
    void aClientIsNeverLockedOutByItsOwnStaleStream() {
        Session stale = Session.of("s1", ALICE, SessionState.STREAMING, 9_000);
        Session pending = Session.of("s2", ALICE, SessionState.PENDING_LAUNCH, 1_000);
        Session ending = Session.of("s3", BOB, SessionState.STOPPING, 0);
        PolicyDecision decision = decide(SessionRequest.Action.RESUME, ALICE, stale, pending, ending);
        assertTrue(decision.allowed());
        assertEquals(List.of("s1", "s2"), decision.sessionsToEnd());
    }

    @Test
    void quittingIsRefusedWhileAnySessionLivesAndSaysHowLongToWait() {
        Session alice = Session.of("s1", ALICE, SessionState.STREAMING, 7_200);
        Session bob = Session.of("s2", BOB, SessionState.PENDING_LAUNCH, 2_000);
        PolicyDecision decision = decide(SessionRequest.Action.CANCEL, ALICE, bob, alice);

        assertFalse(decision.allowed());
        assertEquals(503, decision.refusal().status());
        assertEquals("sessions-live", decision.refusal().reasonCode());
        assertEquals("All sessions must be disconnected before quitting: Bob (PENDING_LAUNCH, last heard 2 s ago), "
                + "Alice (STREAMING, last heard 7 s ago)", decision.refusal().message());
        assertEquals("disconnect the stream on Bob, Alice, or wait up to 3 s for the ping timeout to end a stream "
                + "whose client is gone, or switch to the lenient policy (twilight:policy lenient)",
                decision.refusal().remedy());
        assertEquals(List.of(), decision.sessionsToEnd());
    }

    @Test
    void aSessionPastItsPingTimeoutWaitsZeroSeconds() {
        PolicyDecision decision = decide(SessionRequest.Action.CANCEL, BOB,
                Session.of("s1", ALICE, SessionState.STREAMING, 12_000));
        assertTrue(decision.refusal().remedy().contains("wait up to 0 s"), decision.refusal().remedy());
    }
}
