package dev.twilight.transport.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-GCM for video datagrams. An encrypted datagram is a {@value #PREFIX_BYTES}-byte prefix followed by
 * the ciphertext of the whole plaintext shard (RTP and NV headers included):
 *
 * <pre>
 *  0  12  IV: per-session counter, little-endian, in bytes 0-7; bytes 8-10 zero; byte 11 'V'
 * 12   4  frame index, little-endian, readable before decrypting
 * 16  16  GCM tag (the JDK appends it; the wire puts it first)
 * 32   n  ciphertext
 * </pre>
 *
 * The key is the session's {@code rikey}; there is no additional authenticated data. Not thread-safe: one
 * instance per sending or receiving thread.
 */
public final class VideoCipher {

    public static final int PREFIX_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int FRAME_INDEX_OFFSET = 12;
    private static final int TAG_OFFSET = 16;
    private static final int TAG_BYTES = 16;
    private static final int TAG_BITS = TAG_BYTES * 8;
    private static final byte VIDEO_STREAM_MARK = 'V';

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] iv = new byte[IV_BYTES];
    private long ivCounter;
    private byte[] sealed = new byte[0];

    /** @param key the 16-byte AES key ({@code rikey}) */
    public VideoCipher(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128 needs a 16-byte key, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM/NoPadding", e);
        }
        iv[IV_BYTES - 1] = VIDEO_STREAM_MARK;
    }

    /**
     * Encrypts the plaintext shard at {@code datagram[PREFIX_BYTES ..]} in place and fills the prefix. Every call
     * takes the next IV of this session.
     */
    public void encryptInPlace(byte[] datagram, int shardLength, long frameIndex) {
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (ivCounter >>> 8 * i);
        }
        ivCounter++;
        if (sealed.length < shardLength + TAG_BYTES) {
            sealed = new byte[shardLength + TAG_BYTES];
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.doFinal(datagram, PREFIX_BYTES, shardLength, sealed, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        System.arraycopy(iv, 0, datagram, 0, IV_BYTES);
        writeLittleEndian32(datagram, FRAME_INDEX_OFFSET, (int) frameIndex);
        System.arraycopy(sealed, shardLength, datagram, TAG_OFFSET, TAG_BYTES);
        System.arraycopy(sealed, 0, datagram, PREFIX_BYTES, shardLength);
    }

    /**
     * Decrypts one datagram.
     *
     * @param plaintext receives the shard; must hold {@code length - PREFIX_BYTES} bytes
     * @return the shard length
     * @throws GeneralSecurityException when the datagram is too short or fails authentication
     */
    public int decrypt(byte[] datagram, int offset, int length, byte[] plaintext) throws GeneralSecurityException {
        if (length < PREFIX_BYTES) {
            throw new GeneralSecurityException("encrypted video datagram of " + length + " bytes is shorter than its prefix");
        }
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, datagram, offset, IV_BYTES));
        // JCE wants ciphertext then tag; feeding them in two calls avoids reassembling the datagram
        int written = cipher.update(datagram, offset + PREFIX_BYTES, length - PREFIX_BYTES, plaintext, 0);
        return written + cipher.doFinal(datagram, offset + TAG_OFFSET, TAG_BYTES, plaintext, written);
    }

    /** The frame index an encrypted datagram declares in clear, so stale datagrams skip decryption. */
    public static long frameIndexOf(byte[] datagram, int offset) {
        return Integer.toUnsignedLong(datagram[offset + FRAME_INDEX_OFFSET] & 0xFF
                | (datagram[offset + FRAME_INDEX_OFFSET + 1] & 0xFF) << 8
                | (datagram[offset + FRAME_INDEX_OFFSET + 2] & 0xFF) << 16
                | (datagram[offset + FRAME_INDEX_OFFSET + 3] & 0xFF) << 24);
    }

    private static void writeLittleEndian32(byte[] target, int offset, int value) {
        for (int i = 0; i < 4; i++) {
            target[offset + i] = (byte) (value >>> 8 * i);
        }
    }
}
