package dev.twilight.host.sessions;

import dev.twilight.api.session.PolicyDecision;
import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.api.session.SessionRequest;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.util.List;

/**
 * Minimal stand-ins for the strict and lenient policy bundles (which the host module cannot depend on): just the
 * rules the manager's tests need. The real policies are tested in their own modules.
 */
final class TestPolicies {

    private TestPolicies() {
    }

    static final class Strict implements SessionPolicy {
        @Override
        public String name() {
            return "strict";
        }

        @Override
        public String description() {
            return "one client at a time";
        }

        @Override
        public PolicyDecision decide(SessionRequest request, List<StreamSession> live) {
            List<StreamSession> streaming = live.stream().filter(session -> session.state() == SessionState.STREAMING
                    || session.state() == SessionState.PENDING_LAUNCH).toList();
            if (request.action() == SessionRequest.Action.CANCEL) {
                return streaming.isEmpty() ? PolicyDecision.allow() : PolicyDecision.refuse(new Refusal(503,
                        "sessions-live", "All sessions must be disconnected before quitting", "wait"));
            }
            List<StreamSession> others = streaming.stream()
                    .filter(session -> !session.client().id().equals(request.client().id())).toList();
            if (!others.isEmpty()) {
                return PolicyDecision.refuse(new Refusal(503, "stream-live", "someone else streams", "wait"));
            }
            return PolicyDecision.allowAfterEnding(streaming.stream().map(StreamSession::id).toList());
        }
    }

    static final class Lenient implements SessionPolicy {
        @Override
        public String name() {
            return "lenient";
        }

        @Override
        public String description() {
            return "everyone may watch";
        }

        @Override
        public PolicyDecision decide(SessionRequest request, List<StreamSession> live) {
            return request.action() == SessionRequest.Action.CANCEL
                    ? PolicyDecision.allowAfterEnding(live.stream().map(StreamSession::id).toList())
                    : PolicyDecision.allow();
        }
    }
}
