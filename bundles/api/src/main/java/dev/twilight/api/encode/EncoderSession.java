package dev.twilight.api.encode;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoFrame;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open encoder. One thread calls {@link #encode}; {@link #close()} may come from any thread (for example
 * when the encoder's bundle stops) and waits for a running {@code encode} to return first.
 */
@ConsumerType
public interface EncoderSession extends AutoCloseable {

    StreamConfiguration configuration();

    /**
     * Encodes one frame.
     *
     * @param frame       the raw picture; its buffers are read before this returns
     * @param frameNumber the pipeline's frame number to put in the access units
     * @param forceIdr    true to make this picture an IDR with in-band parameter sets
     * @return the access units that became ready, usually exactly one for low-latency settings
     * @throws EncoderException when the session was closed or the encoder failed
     */
    List<AccessUnit> encode(VideoFrame frame, long frameNumber, boolean forceIdr) throws EncoderException;

    /**
     * Changes the target bitrate of the running encoder without reopening it.
     *
     * @return true if applied in place; false if this encoder can only take it by being reopened
     */
    boolean updateBitrate(int bitrateKbps);

    /** Frees the encoder. Idempotent; later {@link #encode} calls fail with {@link EncoderException}. */
    @Override
    void close();
}
