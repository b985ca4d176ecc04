package dev.twilight.api.decode;

import org.osgi.annotation.versioning.ConsumerType;

/** An Opus decoder for the client role. */
@ConsumerType
public interface AudioDecoder {

    String name();

    /**
     * Opens a decoder for one 48 kHz stream.
     *
     * @param channels 1 or 2 (surround needs the host's Opus stream layout, which no decoder takes yet)
     */
    AudioDecoderSession open(int channels) throws DecoderException;
}
