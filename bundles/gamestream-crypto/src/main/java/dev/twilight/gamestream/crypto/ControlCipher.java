package dev.twilight.gamestream.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The encrypted control stream (GameStream 7.1.431+, {@code useReliableUdp=13}, V2 IVs): every ENet message is
 *
 * <pre>
 *  0   2  LE16 0x0001 (the encrypted-message marker)
 *  2   2  LE16 length of what follows: 4 + 16 + ciphertext length
 *  4   4  LE32 sender's sequence number (from 0; nobody checks it)
 *  8  16  GCM tag
 * 24   n  ciphertext of LE16 type, LE16 payload length, payload
 * </pre>
 *
 * sealed with {@link AesGcm} under the session's {@code rikey}, the IV ending in the {@link Sender}'s mark, then
 * 'C' (control). The host opens what the {@link Sender#CLIENT} sealed and seals as the {@link Sender#HOST}; the
 * client the reverse.
 */
public final class ControlCipher {

    private static final int HEADER_BYTES = 8 + AesGcm.TAG_BYTES;
    private static final int PLAINTEXT_HEADER_BYTES = 4;
    private static final char CONTROL_MARK = 'C';

    private ControlCipher() {
    }

    /**
     * Opens a message sealed by {@code sender}.
     *
     * @return empty when the tag does not verify under this key
     * @throws MalformedMessageException when it is not one whole encrypted message around one whole plaintext one
     */
    public static Optional<ControlMessage> open(byte[] key, Sender sender, byte[] wire)
            throws MalformedMessageException {
        int length = wire.length;
        if (length < HEADER_BYTES + PLAINTEXT_HEADER_BYTES) {
            throw new MalformedMessageException("a " + length + "-byte message is too short to be encrypted");
        }
        ByteBuffer framing = ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN);
        if (Short.toUnsignedInt(framing.getShort()) != ControlMessage.ENCRYPTED
                || Short.toUnsignedInt(framing.getShort()) != length - 4) {
            throw new MalformedMessageException("not an encrypted message of " + length + " bytes");
        }
        int sequence = framing.getInt();
        byte[] tag = new byte[AesGcm.TAG_BYTES];
        framing.get(tag);
        byte[] ciphertext = new byte[length - HEADER_BYTES];
        framing.get(ciphertext);
        Optional<byte[]> plaintext = AesGcm.open(key, AesGcm.iv(sequence, sender, CONTROL_MARK), tag, ciphertext);
        if (plaintext.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer message = ByteBuffer.wrap(plaintext.get()).order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(message.getShort());
        int payloadLength = Short.toUnsignedInt(message.getShort());
        if (type == ControlMessage.ENCRYPTED || payloadLength != message.remaining()) {
            throw new MalformedMessageException("the plaintext of type 0x" + Integer.toHexString(type) + " claims "
                    + payloadLength + " payload bytes of " + message.remaining());
        }
        byte[] payload = new byte[payloadLength];
        message.get(payload);
        return Optional.of(new ControlMessage(type, payload));
    }

    /** Seals a message of {@code sender} with that sender's own next sequence number. */
    public static byte[] seal(byte[] key, Sender sender, int sequence, ControlMessage message) {
        byte[] payload = message.payload();
        byte[] plaintext = ByteBuffer.allocate(PLAINTEXT_HEADER_BYTES + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) message.type())
                .putShort((short) payload.length)
                .put(payload)
                .array();
        byte[] sealed = AesGcm.seal(key, AesGcm.iv(sequence, sender, CONTROL_MARK), plaintext);
        return ByteBuffer.allocate(8 + sealed.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) ControlMessage.ENCRYPTED)
                .putShort((short) (4 + sealed.length))
                .putInt(sequence)
                .put(sealed)
                .array();
    }
}
