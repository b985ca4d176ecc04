package dev.twilight.api.client;

import dev.twilight.api.input.InputEvent;
import java.time.Duration;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** A stream being played. Methods may be called from any thread. */
@ProviderType
public interface Playback {

    PlaybackStatistics statistics();

    /** Sends input to the host; see {@link StreamConnection#send}. */
    void send(InputEvent event);

    /** @return how the stream ended, or empty if it still runs after {@code timeout} */
    Optional<StreamEnd> awaitEnd(Duration timeout) throws InterruptedException;

    /** Closes the connection (see {@link StreamConnection#close()}) and the decoders; returns how it ended. */
    StreamEnd stop();
}
