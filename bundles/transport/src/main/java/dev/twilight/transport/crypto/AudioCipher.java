package dev.twilight.transport.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-CBC with PKCS#7 padding for audio payloads. Each RTP payload is encrypted on its own with the IV
 * {@code BE32(rikeyid + sequenceNumber)} followed by twelve zero bytes, so any payload can be decrypted without
 * its neighbours. Not thread-safe: one instance per sending or receiving thread.
 */
public final class AudioCipher {

    private static final int BLOCK_BYTES = 16;

    private final SecretKeySpec key;
    private final int keyId;
    private final Cipher cipher;
    private final byte[] iv = new byte[BLOCK_BYTES];

    /**
     * @param key   the 16-byte AES key ({@code rikey})
     * @param keyId {@code rikeyid} from the launch request
     */
    public AudioCipher(byte[] key, int keyId) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128 needs a 16-byte key, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = keyId;
        try {
            this.cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/CBC/PKCS5Padding", e);
        }
    }

    /** Length of the ciphertext of {@code plaintextLength} bytes: padding always adds 1 to 16 bytes. */
    public static int encryptedLength(int plaintextLength) {
        return (plaintextLength / BLOCK_BYTES + 1) * BLOCK_BYTES;
    }

    public byte[] encrypt(byte[] payload, int offset, int length, int sequenceNumber) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, ivFor(sequenceNumber));
            return cipher.doFinal(payload, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    /** @throws GeneralSecurityException when the length or the padding is wrong, as with a different key */
    public byte[] decrypt(byte[] ciphertext, int offset, int length, int sequenceNumber) throws GeneralSecurityException {
        cipher.init(Cipher.DECRYPT_MODE, key, ivFor(sequenceNumber));
        return cipher.doFinal(ciphertext, offset, length);
    }

    private IvParameterSpec ivFor(int sequenceNumber) {
        int counter = keyId + (sequenceNumber & 0xFFFF);
        iv[0] = (byte) (counter >>> 24);
        iv[1] = (byte) (counter >>> 16);
        iv[2] = (byte) (counter >>> 8);
        iv[3] = (byte) counter;
        return new IvParameterSpec(iv);
    }
}
