package dev.twilight.api.session;

import java.util.List;
import java.util.Objects;

/**
 * A session policy's answer: go ahead, go ahead after ending some sessions, or refuse.
 *
 * @param refusal       present when refused
 * @param sessionsToEnd ids of sessions the host must end (telling each client) before carrying out the request
 */
public record PolicyDecision(Refusal refusal, List<String> sessionsToEnd) {

    public PolicyDecision {
        sessionsToEnd = List.copyOf(Objects.requireNonNull(sessionsToEnd, "sessionsToEnd"));
    }

    public static PolicyDecision allow() {
        return new PolicyDecision(null, List.of());
    }

    public static PolicyDecision allowAfterEnding(List<String> sessionIds) {
        return new PolicyDecision(null, sessionIds);
    }

    public static PolicyDecision refuse(Refusal refusal) {
        return new PolicyDecision(Objects.requireNonNull(refusal, "refusal"), List.of());
    }

    public boolean allowed() {
        return refusal == null;
    }
}
