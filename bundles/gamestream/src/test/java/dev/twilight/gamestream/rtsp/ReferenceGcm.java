package dev.twilight.gamestream.rtsp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The clients' AES-GCM, written from the fact sheet with the JDK alone, so that the test clients check the host's
 * framing rather than reuse it: IV = LE32 sequence, six zero bytes, sender mark, stream mark; tag appended.
 */
public final class ReferenceGcm {

    private ReferenceGcm() {
    }

    /**
     * @param mode   {@link Cipher#ENCRYPT_MODE} or {@link Cipher#DECRYPT_MODE}
     * @param sender 'C' client or 'H' host
     * @param stream 'R' RTSP or 'C' control
     */
    public static byte[] apply(byte[] key, int mode, int sequence, char sender, char stream, byte[] input) {
        byte[] iv = new byte[12];
        ByteBuffer.wrap(iv).order(ByteOrder.LITTLE_ENDIAN).putInt(sequence);
        iv[10] = (byte) sender;
        iv[11] = (byte) stream;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("AES-GCM failed", e);
        }
    }
}
