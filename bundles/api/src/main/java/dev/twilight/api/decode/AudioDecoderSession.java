package dev.twilight.api.decode;

import org.osgi.annotation.versioning.ConsumerType;

/** One open audio decoder, used by one thread. */
@ConsumerType
public interface AudioDecoderSession extends AutoCloseable {

    /** Channels in each decoded sample frame. */
    int channels();

    /**
     * Decodes one Opus packet.
     *
     * @return 48 kHz signed 16-bit samples, channels interleaved
     * @throws DecoderException when the packet cannot be decoded; the session stays usable
     */
    short[] decode(byte[] packet) throws DecoderException;

    @Override
    void close();
}
