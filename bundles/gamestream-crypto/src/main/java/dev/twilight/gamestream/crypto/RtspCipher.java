package dev.twilight.gamestream.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
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
 * The IV ends in the {@link Sender}'s mark and 'R' (RTSP). Neither side checks sequence numbers, so nothing here
 * does either.
 */
public final class RtspCipher {

    public static final int HEADER_BYTES = 24;
    public static final int ENCRYPTED_BIT = 0x80000000;
    public static final int TAG_BYTES = AesGcm.TAG_BYTES;
    private static final char RTSP_MARK = 'R';

    private RtspCipher() {
    }

    /**
     * Opens the parts of a framed message sealed by {@code sender}.
     *
     * @return the plaintext message, or empty when the tag does not verify under this key
     */
    public static Optional<byte[]> open(byte[] key, Sender sender, int sequence, byte[] tag, byte[] ciphertext) {
        return AesGcm.open(key, AesGcm.iv(sequence, sender, RTSP_MARK), tag, ciphertext);
    }

    /**
     * Opens one whole framed message sealed by {@code sender}, as a client reads a reply: everything the host sent
     * before closing.
     *
     * @return the plaintext message, or empty when the tag does not verify under this key
     * @throws MalformedMessageException when the framing is missing or its length is not exactly what came
     */
    public static Optional<byte[]> open(byte[] key, Sender sender, byte[] framed) throws MalformedMessageException {
        if (framed.length < HEADER_BYTES) {
            throw new MalformedMessageException("a " + framed.length + "-byte message is too short to be encrypted");
        }
        ByteBuffer header = ByteBuffer.wrap(framed);
        int first = header.getInt();
        if ((first & ENCRYPTED_BIT) == 0 || (first & ~ENCRYPTED_BIT) != framed.length - HEADER_BYTES) {
            throw new MalformedMessageException("not an encrypted message of " + framed.length + " bytes");
        }
        int sequence = header.getInt();
        byte[] tag = Arrays.copyOfRange(framed, 8, HEADER_BYTES);
        return open(key, sender, sequence, tag, Arrays.copyOfRange(framed, HEADER_BYTES, framed.length));
    }

    /** A message of {@code sender}, sealed and framed. */
    public static byte[] seal(byte[] key, Sender sender, int sequence, byte[] plaintext) {
        byte[] sealed = AesGcm.seal(key, AesGcm.iv(sequence, sender, RTSP_MARK), plaintext);
        return ByteBuffer.allocate(HEADER_BYTES - TAG_BYTES + sealed.length)
                .putInt(ENCRYPTED_BIT | (sealed.length - TAG_BYTES))
                .putInt(sequence)
                .put(sealed)
                .array();
    }
}
