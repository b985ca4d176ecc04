package dev.twilight.api.session;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The host's sessions: what the shell, the admin UI and the protocol layers read and act on. */
@ProviderType
public interface SessionManager {

    /** Live sessions, derived from the session objects themselves. */
    List<StreamSession> liveSessions();

    Optional<StreamSession> find(String sessionId);

    /**
     * Ends one session now, telling its client, whatever the policy.
     *
     * @return false when no live session has that id
     */
    boolean forceDisconnect(String sessionId, String reason);

    /** The policy in force for the next request. */
    String policyName();
}
