package dev.twilight.api.session;

/** Lifecycle of a streaming session. Transitions only go forward. */
public enum SessionState {
    /** /launch or /resume accepted; waiting for the client's RTSP handshake (bounded by the ping timeout). */
    PENDING_LAUNCH,
    /** Media flows; the client's control pings keep it alive. */
    STREAMING,
    /** Teardown in progress, off the request threads, with a time limit. */
    STOPPING,
    /** Gone; kept only in history. */
    ENDED;

    public boolean isLive() {
        return this != ENDED;
    }
}
