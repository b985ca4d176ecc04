package dev.twilight.api.decode;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** One open decoder, used by one thread. */
@ConsumerType
public interface DecoderSession extends AutoCloseable {

    /**
     * Decodes one Annex B access unit.
     *
     * @return the pictures that became ready (zero or more)
     * @throws DecoderException when the data cannot be decoded; the session stays usable and recovers at the
     *                          next IDR
     */
    List<DecodedFrame> decode(byte[] accessUnit) throws DecoderException;

    /** Returns the pictures still held by the decoder at the end of a stream. */
    List<DecodedFrame> flush() throws DecoderException;

    @Override
    void close();
}
