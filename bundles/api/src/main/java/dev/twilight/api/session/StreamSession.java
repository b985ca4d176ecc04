package dev.twilight.api.session;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A live or ended streaming session, as seen by policies, the shell and the admin UI. */
@ProviderType
public interface StreamSession {

    String id();

    /** The paired client's unique id (certificate based). */
    String clientId();

    /** The name the client was paired under. */
    String clientName();

    /** The app the session streams. */
    int appId();

    SessionState state();

    /** When the client was last heard from (request, RTSP, ping). */
    Instant lastHeard();

    /** Everything that happened to the session, oldest first. */
    List<SessionEvent> history();
}
