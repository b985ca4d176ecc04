package dev.twilight.policy.lenient;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LenientPolicyTest {

    private static final ClientRef ALICE = new ClientRef("a", "Alice", "0123456789ABCDEF", "10.0.0.2");
    private static final ClientRef BOB = new ClientRef("b", "Bob", "0123456789ABCDEF", "10.0.0.3");

    private final LenientPolicy policy = new LenientPolicy();

    record Session(String id, ClientRef client, SessionState state) implements StreamSession {
        @Override
        public int appId() {
            return 7;
        }

        @Override
        public LaunchParameters parameters() {
            return new LaunchParameters(7, 1280, 720, 60, new byte[16], 1, false, 0x30002, false, 1, false, 1);
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

    private PolicyDecision decide(SessionRequest.Action action, ClientRef client, StreamSession... live) {
        return policy.decide(new SessionRequest(action, client, 7, 7, Duration.ofSeconds(10)), List.of(live));
    }

    @Test
    void itIsNamedLenient() {
        assertEquals("lenient", policy.name());
        assertFalse(policy.description().isBlank());
    }

    @Test
    void everyClientMayWatchWhileOthersStream() {
        Session alice = new Session("s1", ALICE, SessionState.STREAMING);
        Session pending = new Session("s2", ALICE, SessionState.PENDING_LAUNCH);
        for (SessionRequest.Action action : List.of(SessionRequest.Action.LAUNCH, SessionRequest.Action.RESUME)) {
            PolicyDecision decision = decide(action, BOB, alice, pending);
            assertTrue(decision.allowed());
            assertEquals(List.of(), decision.sessionsToEnd(), "nobody's stream is ended");
        }
    }

    @Test
    void quittingEndsEveryLiveStreamFirst() {
        PolicyDecision decision = decide(SessionRequest.Action.CANCEL, BOB,
                new Session("s1", ALICE, SessionState.STREAMING), new Session("s2", BOB, SessionState.PENDING_LAUNCH));
        assertTrue(decision.allowed());
        assertEquals(List.of("s1", "s2"), decision.sessionsToEnd());
        assertEquals(PolicyDecision.allow(), decide(SessionRequest.Action.CANCEL, ALICE));
    }
}
