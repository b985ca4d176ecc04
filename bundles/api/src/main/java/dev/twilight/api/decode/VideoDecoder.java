package dev.twilight.api.decode;

import dev.twilight.api.media.VideoCodec;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/** A video decoder for the client role. */
@ConsumerType
public interface VideoDecoder {

    String name();

    Set<VideoCodec> codecs();

    /** Whether it decodes on a GPU or other dedicated hardware; players try those first. */
    default boolean hardware() {
        return false;
    }

    /** Opens a decoder for one stream of the given codec. */
    DecoderSession open(VideoCodec codec) throws DecoderException;
}
