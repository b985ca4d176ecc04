package dev.twilight.gamestream.control;

import dev.twilight.gamestream.rtsp.AesGcm;
import io.netty.buffer.ByteBuf;
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
 * sealed with {@link AesGcm} under the session's {@code rikey}, the IV ending in 'C' (client) or 'H' (host), then
 * 'C' (control).
 */
final class ControlCipher {

    private static final int HEADER_BYTES = 8 + AesGcm.TAG_BYTES;
    private static final int PLAINTEXT_HEADER_BYTES = 4;
    private static final char CONTROL_MARK = 'C';

    private ControlCipher() {
    }

    /**
     * Opens a message from the client.
     *
     * @return empty when the tag does not verify under this key
     * @throws MalformedMessageException when it is not one whole encrypted message around one whole plaintext one
     */
    static Optional<ControlMessage> open(byte[] key, ByteBuf wire) throws MalformedMessageException {
        int length = wire.readableBytes();
        if (length < HEADER_BYTES + PLAINTEXT_HEADER_BYTES) {
            throw new MalformedMessageException("a " + length + "-byte message is too short to be encrypted");
        }
        int start = wire.readerIndex();
        if (wire.getUnsignedShortLE(start) != ControlMessage.ENCRYPTED
                || wire.getUnsignedShortLE(start + 2) != length - 4) {
            throw new MalformedMessageException("not an encrypted message of " + length + " bytes");
        }
        int sequence = wire.getIntLE(start + 4);
        byte[] tag = new byte[AesGcm.TAG_BYTES];
        wire.getBytes(start + 8, tag);
        byte[] ciphertext = new byte[length - HEADER_BYTES];
        wire.getBytes(start + HEADER_BYTES, ciphertext);
        Optional<byte[]> plaintext = AesGcm.open(key, AesGcm.iv(sequence, 'C', CONTROL_MARK), tag, ciphertext);
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

    /** Seals a message from the host with its own sequence number. */
    static byte[] seal(byte[] key, int sequence, ControlMessage message) {
        byte[] plaintext = ByteBuffer.allocate(PLAINTEXT_HEADER_BYTES + message.payload().length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) message.type())
                .putShort((short) message.payload().length)
                .put(message.payload())
                .array();
        byte[] sealed = AesGcm.seal(key, AesGcm.iv(sequence, 'H', CONTROL_MARK), plaintext);
        return ByteBuffer.allocate(8 + sealed.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) ControlMessage.ENCRYPTED)
                .putShort((short) (4 + sealed.length))
                .putInt(sequence)
                .put(sealed)
                .array();
    }
}
