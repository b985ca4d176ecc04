package dev.twilight.api.decode;

import org.osgi.annotation.versioning.ConsumerType;

/** An Opus decoder for the client role. */
@ConsumerType
public interface AudioDecoder {

    String name();

    /**
     * Opens a decoder for one 48 kHz stream.
     *
     * @param layout how the host packs the channels into Opus streams ({@link OpusStreams#STEREO}, or the surround
     *               layout its RTSP DESCRIBE advertised)
     */
    AudioDecoderSession open(OpusStreams layout) throws DecoderException;
}
