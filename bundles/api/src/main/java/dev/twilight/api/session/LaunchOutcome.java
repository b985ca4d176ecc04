package dev.twilight.api.session;

import java.util.Objects;

/**
 * The answer to a launch or resume: the new pending session, or why not.
 *
 * @param session the session waiting for the client's RTSP handshake, when accepted
 * @param refusal why the request was refused, when refused
 */
public record LaunchOutcome(StreamSession session, Refusal refusal) {

    public static LaunchOutcome accepted(StreamSession session) {
        return new LaunchOutcome(Objects.requireNonNull(session, "session"), null);
    }

    public static LaunchOutcome refused(Refusal refusal) {
        return new LaunchOutcome(null, Objects.requireNonNull(refusal, "refusal"));
    }

    public boolean isAccepted() {
        return refusal == null;
    }
}
