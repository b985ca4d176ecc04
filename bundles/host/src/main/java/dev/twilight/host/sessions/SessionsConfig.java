package dev.twilight.host.sessions;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Twilight sessions",
        description = "The session policy, how long a silent client keeps its stream and how apps are stopped")
public @interface SessionsConfig {

    @AttributeDefinition(name = "Policy",
            description = "Session policy in force: 'lenient' (several clients may watch; quitting ends every stream "
                    + "first) or 'strict' (one streaming client at a time; quitting is refused while a stream is "
                    + "live). A change applies to the next request; live streams are kept")
    String policy() default "lenient";

    @AttributeDefinition(name = "Ping timeout (ms)",
            description = "How long the host waits for a silent client (launch not followed by its RTSP handshake, "
                    + "no control pings) before ending its stream; the app keeps running", min = "1")
    int ping_timeout_ms() default 10000;

    @AttributeDefinition(name = "App stop timeout (ms)",
            description = "Grace period for a quitting app's processes before they are killed; also the limit for "
                    + "each prep and undo command", min = "1")
    int app_stop_timeout_ms() default 5000;

    @AttributeDefinition(name = "History size", description = "How many ended sessions are kept for the history view",
            min = "0")
    int history_size() default 50;
}
