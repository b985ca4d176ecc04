package dev.twilight.gamestream.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128-GCM as the GameStream streams use it (encrypted RTSP, the control stream): the session's {@code rikey},
 * no additional data, a 16-byte tag that the wire puts before the ciphertext (the JDK appends it), and a 12-byte
 * IV built from the sender's sequence number and two marker bytes.
 */
public final class AesGcm {

    public static final int TAG_BYTES = 16;
    private static final int TAG_BITS = TAG_BYTES * 8;
    private static final int IV_BYTES = 12;

    private AesGcm() {
    }

    /**
     * The IV: the sequence number little-endian in bytes 0-3, zeros, then the sender's mark ('C' client, 'H' host)
     * and the stream's mark ('R' RTSP, 'C' control).
     */
    public static byte[] iv(int sequence, Sender sender, char stream) {
        byte[] iv = new byte[IV_BYTES];
        for (int i = 0; i < 4; i++) {
            iv[i] = (byte) (sequence >>> 8 * i);
        }
        iv[10] = (byte) sender.mark();
        iv[11] = (byte) stream;
        return iv;
    }

    /** @return the tag followed by the ciphertext, in wire order */
    public static byte[] seal(byte[] key, byte[] iv, byte[] plaintext) {
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, key, iv).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        int ciphertextLength = sealed.length - TAG_BYTES;
        byte[] wire = new byte[sealed.length];
        System.arraycopy(sealed, ciphertextLength, wire, 0, TAG_BYTES);
        System.arraycopy(sealed, 0, wire, TAG_BYTES, ciphertextLength);
        return wire;
    }

    /** @return the plaintext, or empty when the tag does not verify under this key and IV */
    public static Optional<byte[]> open(byte[] key, byte[] iv, byte[] tag, byte[] ciphertext) {
        byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + TAG_BYTES);
        System.arraycopy(tag, 0, sealed, ciphertext.length, TAG_BYTES);
        try {
            return Optional.of(cipher(Cipher.DECRYPT_MODE, key, iv).doFinal(sealed));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }
}
