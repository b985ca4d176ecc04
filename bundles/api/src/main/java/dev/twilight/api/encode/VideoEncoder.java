package dev.twilight.api.encode;

import dev.twilight.api.media.Availability;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A video encoder backend. Registered as an OSGi service; the host pipeline ranks encoders by the configured
 * preference of {@link #name()} and falls back to the next one when the one in use goes away.
 */
@ConsumerType
public interface VideoEncoder {

    /** Short stable name used in configuration: {@code x264}, {@code openh264}, {@code nvenc}... */
    String name();

    String description();

    HardwareKind hardware();

    /** The codecs this backend can produce on this machine. */
    Set<VideoCodec> codecs();

    /** Whether the codec can be encoded here right now; the reason names what was tried. */
    Availability probe(VideoCodec codec);

    /**
     * Opens an encoder for one stream. The first access unit it produces is an IDR picture.
     *
     * @throws EncoderException when the encoder cannot take this configuration; the message says why
     */
    EncoderSession open(StreamConfiguration configuration) throws EncoderException;
}
