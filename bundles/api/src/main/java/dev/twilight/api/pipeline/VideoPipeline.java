package dev.twilight.api.pipeline;

import dev.twilight.api.media.StreamConfiguration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's video pipeline: for each opened stream it binds the best available capture source and encoder,
 * encodes on a thread of its own and hands every access unit to the stream's listener. When the encoder or
 * capture source in use goes away, or the configured preference changes, the stream switches to the next
 * one and continues with an IDR picture.
 */
@ProviderType
public interface VideoPipeline {

    /** Configuration Admin PID of the pipeline settings (files in config/ use it as their name). */
    String CONFIGURATION_PID = "dev.twilight.host.pipeline";
    /** Encoder names, best first. */
    String ENCODER_PREFERENCE = "encoder.preference";
    /** Capture source names, best first. */
    String CAPTURE_PREFERENCE = "capture.preference";
    /** Bitrate cap for every stream in kbps, 0 for none. */
    String MAX_BITRATE_KBPS = "max.bitrate.kbps";

    /**
     * Starts a stream.
     *
     * @param requested what the stream should be; the host configuration may cap it (for example the bitrate)
     * @param listener  receives access units on the stream's encode thread; it must not block
     * @throws PipelineException when no capture source or encoder can serve the request; the message says which
     *                           and what to do
     */
    VideoStream open(StreamConfiguration requested, AccessUnitListener listener) throws PipelineException;

    /** The streams running now. */
    List<VideoStream> streams();

    /** Every encoder service known to the pipeline, in preference order. */
    List<BackendInfo> encoders();

    /** Every video capture source known to the pipeline, in preference order. */
    List<BackendInfo> captureSources();
}
