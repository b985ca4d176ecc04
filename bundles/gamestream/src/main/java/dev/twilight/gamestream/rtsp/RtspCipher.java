package dev.twilight.gamestream.rtsp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypted RTSP ({@code rtspenc://}): each message is AES-128-GCM sealed with the session's {@code rikey}, no
 * additional data, and framed as
 *
 * <pre>
 *  0   4  BE32 0x80000000 | ciphertext length (the top bit marks an encrypted message)
 *  4   4  BE32 sequence number
 *  8  16  GCM tag (the JDK appends it; the wire puts it first)
 * 24   n  ciphertext of the whole plaintext message
 * </pre>
 *
 * The 12-byte IV is the sequence number little-endian in bytes 0-3, zeros, then 'C' (client) or 'H' (host) and
 * 'R' (RTSP). Neither side checks sequence numbers, so nothing here does either.
 */
final class RtspCipher {

    static final int HEADER_BYTES = 24;
    static final int ENCRYPTED_BIT = 0x80000000;
    static final int TAG_BYTES = 16;
    private static final int TAG_BITS = TAG_BYTES * 8;
    private static final int IV_BYTES = 12;

    private RtspCipher() {
    }

    /** @return the client's plaintext request, or empty when the tag does not verify under this key */
    static Optional<byte[]> open(byte[] key, RtspFrame.Encrypted frame) {
        byte[] sealed = Arrays.copyOf(frame.ciphertext(), frame.ciphertext().length + TAG_BYTES);
        System.arraycopy(frame.tag(), 0, sealed, frame.ciphertext().length, TAG_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, frame.sequence(), 'C');
            return Optional.of(cipher.doFinal(sealed));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** The host's answer, sealed and framed. */
    static byte[] seal(byte[] key, int sequence, byte[] plaintext) {
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, key, sequence, 'H').doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        int ciphertextLength = sealed.length - TAG_BYTES;
        return ByteBuffer.allocate(HEADER_BYTES + ciphertextLength)
                .putInt(ENCRYPTED_BIT | ciphertextLength)
                .putInt(sequence)
                .put(sealed, ciphertextLength, TAG_BYTES)
                .put(sealed, 0, ciphertextLength)
                .array();
    }

    private static Cipher cipher(int mode, byte[] key, int sequence, char origin) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        for (int i = 0; i < 4; i++) {
            iv[i] = (byte) (sequence >>> 8 * i);
        }
        iv[10] = (byte) origin;
        iv[11] = 'R';
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }
}
