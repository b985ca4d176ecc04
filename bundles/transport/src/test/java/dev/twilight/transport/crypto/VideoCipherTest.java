package dev.twilight.transport.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class VideoCipherTest {

    private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void prefixHoldsCounterIvFrameIndexAndTagBeforeTheCiphertext() throws Exception {
        VideoCipher cipher = new VideoCipher(KEY);
        byte[] shard = new byte[100];
        for (int i = 0; i < shard.length; i++) {
            shard[i] = (byte) i;
        }
        byte[] first = sealed(cipher, shard, 0x01020304L);
        byte[] second = sealed(cipher, shard, 9);

        assertEquals("000000000000000000000056" + "04030201", HexFormat.of().formatHex(first, 0, 16));
        assertEquals("010000000000000000000056" + "09000000", HexFormat.of().formatHex(second, 0, 16));
        assertEquals(0x01020304L, VideoCipher.frameIndexOf(first, 0));

        // what the JDK produces is ciphertext then tag; the datagram carries them the other way round
        Cipher reference = Cipher.getInstance("AES/GCM/NoPadding");
        reference.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, first, 0, 12));
        byte[] sealedForJdk = new byte[116];
        System.arraycopy(first, 32, sealedForJdk, 0, 100);
        System.arraycopy(first, 16, sealedForJdk, 100, 16);
        assertArrayEquals(shard, reference.doFinal(sealedForJdk));

        byte[] plaintext = new byte[100];
        assertEquals(100, new VideoCipher(KEY).decrypt(second, 0, second.length, plaintext));
        assertArrayEquals(shard, plaintext);
    }

    @Test
    void tamperedOrTruncatedDatagramsFailAuthentication() {
        VideoCipher cipher = new VideoCipher(KEY);
        byte[] datagram = sealed(cipher, new byte[64], 1);
        datagram[40] ^= 0x20;
        assertThrows(GeneralSecurityException.class, () -> cipher.decrypt(datagram, 0, datagram.length, new byte[64]));
        assertThrows(GeneralSecurityException.class, () -> cipher.decrypt(datagram, 0, 20, new byte[64]));
    }

    private static byte[] sealed(VideoCipher cipher, byte[] shard, long frameIndex) {
        byte[] datagram = new byte[VideoCipher.PREFIX_BYTES + shard.length];
        System.arraycopy(shard, 0, datagram, VideoCipher.PREFIX_BYTES, shard.length);
        cipher.encryptInPlace(datagram, shard.length, frameIndex);
        return datagram;
    }
}
