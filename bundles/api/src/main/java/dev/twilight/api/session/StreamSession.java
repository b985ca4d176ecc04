package dev.twilight.api.session;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A live or ended streaming session, as seen by policies, the shell and the admin UI. */
@ProviderType
public interface StreamSession {

    String id();

    /** The client the session belongs to. */
    ClientRef client();

    /** The app the session streams. */
    int appId();

    /** What the client asked for at launch or resume. */
    LaunchParameters parameters();

    SessionState state();

    /** When the client was last heard from (launch, RTSP, ping). */
    Instant lastHeard();

    /** Everything that happened to the session, oldest first. */
    List<SessionEvent> history();
}
