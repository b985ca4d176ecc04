package dev.twilight.gamestream.rtsp;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Encrypted RTSP ({@code rtspenc://}): each message is {@link AesGcm} sealed with the session's {@code rikey} and
 * framed as
 *
 * <pre>
 *  0   4  BE32 0x80000000 | ciphertext length (the top bit marks an encrypted message)
 *  4   4  BE32 sequence number
 *  8  16  GCM tag
 * 24   n  ciphertext of the whole plaintext message
 * </pre>
 *
 * The IV ends in 'C' (client) or 'H' (host) and 'R' (RTSP). Neither side checks sequence numbers, so nothing here
 * does either.
 */
final class RtspCipher {

    static final int HEADER_BYTES = 24;
    static final int ENCRYPTED_BIT = 0x80000000;
    static final int TAG_BYTES = AesGcm.TAG_BYTES;
    private static final char RTSP_MARK = 'R';

    private RtspCipher() {
    }

    /** @return the client's plaintext request, or empty when the tag does not verify under this key */
    static Optional<byte[]> open(byte[] key, RtspFrame.Encrypted frame) {
        return AesGcm.open(key, AesGcm.iv(frame.sequence(), 'C', RTSP_MARK), frame.tag(), frame.ciphertext());
    }

    /** The host's answer, sealed and framed. */
    static byte[] seal(byte[] key, int sequence, byte[] plaintext) {
        byte[] sealed = AesGcm.seal(key, AesGcm.iv(sequence, 'H', RTSP_MARK), plaintext);
        return ByteBuffer.allocate(HEADER_BYTES - TAG_BYTES + sealed.length)
                .putInt(ENCRYPTED_BIT | (sealed.length - TAG_BYTES))
                .putInt(sequence)
                .put(sealed)
                .array();
    }
}
