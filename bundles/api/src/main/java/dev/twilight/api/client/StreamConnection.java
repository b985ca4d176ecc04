package dev.twilight.api.client;

import dev.twilight.api.input.InputEvent;
import org.osgi.annotation.versioning.ProviderType;

/** A running stream from a host. Methods may be called from any thread. */
@ProviderType
public interface StreamConnection extends AutoCloseable {

    /** The counters so far; consistent with each other only within one stream (video, audio, control). */
    StreamStatistics statistics();

    /**
     * Sends one input event to the host on its device's channel, reliably.
     *
     * @throws IllegalArgumentException for kinds this client does not send (touch, pen) or text over 32 UTF-8 bytes
     * @throws IllegalStateException    when the stream has ended
     */
    void send(InputEvent event);

    /** Asks the host for a key frame now (the connection asks by itself after losing frames). */
    void requestIdr();

    /**
     * Ends the stream: a graceful control-stream disconnect (waiting at most 2 s for the host's acknowledgement),
     * then the sockets close; the receiver hears {@link StreamEnd.Reason#CLOSED} unless the stream had ended
     * already. Idempotent and bounded: well under a second when the host acknowledges, a few seconds at most.
     * Does not quit the app on the host.
     */
    @Override
    void close();
}
