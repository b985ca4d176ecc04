package dev.twilight.api.session;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's sessions and the running app. The nvhttp layer calls launch, resume and cancel; the streaming
 * plane calls the hooks below; the shell and the admin API read sessions and force disconnects. Counts are
 * always derived from the live session objects; every wait is bounded by the ping timeout.
 */
@ProviderType
public interface SessionManager {

    /** Configuration Admin PID: {@code policy} (strict|lenient), {@code ping.timeout.ms}, app stop limits. */
    String CONFIGURATION_PID = "dev.twilight.host.sessions";
    /** Configuration key naming the session policy in force. */
    String POLICY = "policy";

    /** Starts the app (when the policy allows) and queues a pending launch for this client. */
    LaunchOutcome launch(ClientRef client, LaunchParameters parameters);

    /** Queues a pending launch for this client on the running app (when the policy allows). */
    LaunchOutcome resume(ClientRef client, LaunchParameters parameters);

    /**
     * Quits the running app. Under the policy's rule it first ends the live sessions (off the calling thread,
     * bounded), then stops the app, and returns only when no app runs any more.
     *
     * @return empty when the app is stopped (or none ran); the refusal otherwise
     */
    Optional<Refusal> cancel(ClientRef client);

    /** Id of the running app, 0 when none runs. */
    int currentAppId();

    /** Live sessions (every state but ended). */
    List<StreamSession> liveSessions();

    /** Live and recently ended sessions, newest first, for the admin's history view. */
    List<StreamSession> recentSessions();

    Optional<StreamSession> find(String sessionId);

    /**
     * Ends one session now, telling its client, whatever the policy.
     *
     * @return false when no live session has that id
     */
    boolean forceDisconnect(String sessionId, String reason);

    /** The name of the policy in force for the next request. */
    String policyName();

    // Hooks for the streaming plane (RTSP, control stream).

    /** The client's RTSP handshake arrived: its pending launch becomes a streaming session. */
    Optional<StreamSession> claimPendingLaunch(String clientId);

    /** The client was heard from (ping, control message): pushes its ping-timeout deadline. */
    void heard(String sessionId);

    /** The client disconnected or its stream failed: the session ends (the app keeps running). */
    void streamStopped(String sessionId, String reason);
}
