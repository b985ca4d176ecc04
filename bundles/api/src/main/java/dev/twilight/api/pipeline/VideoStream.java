package dev.twilight.api.pipeline;

import dev.twilight.api.media.StreamConfiguration;
import org.osgi.annotation.versioning.ProviderType;

/** One running stream of the pipeline. */
@ProviderType
public interface VideoStream extends AutoCloseable {

    long id();

    /** The configuration asked for when the stream was opened (before host caps). */
    StreamConfiguration requested();

    VideoStreamStatus status();

    /** Makes the next encoded picture an IDR (clients ask for this after loss). */
    void requestIdr();

    /** Changes the requested bitrate of the running stream; the host cap still applies. */
    void updateBitrate(int bitrateKbps);

    /** Stops the stream and waits, bounded, for its thread to end. Idempotent. */
    @Override
    void close();
}
