package dev.twilight.api.input;

import org.osgi.annotation.versioning.ConsumerType;

/** Injects client input on the host (an X display, a virtual gamepad). Called from the control stream. */
@ConsumerType
public interface InputSink {

    String name();

    /** Whether this sink can take the event kind; unsupported kinds are counted and dropped by the caller. */
    boolean supports(Class<? extends InputEvent> kind);

    /**
     * Injects one event for a session. Must not block for long: it runs on the control stream's thread.
     *
     * @param sessionId the session the input belongs to
     */
    void inject(String sessionId, InputEvent event);
}
