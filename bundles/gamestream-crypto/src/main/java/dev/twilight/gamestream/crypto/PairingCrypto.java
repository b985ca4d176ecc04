package dev.twilight.gamestream.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of GameStream pairing (SHA-256 generation, appversion 7 and later): key derivation from salt
 * and PIN, AES-128-ECB without padding, RSA PKCS#1 v1.5 signatures over SHA-256, and the two proof hashes.
 */
public final class PairingCrypto {

    /** SHA-256 digest length; the client's proof hash is padded to it. */
    public static final int HASH_LENGTH = 32;
    /** Length of the salt, challenges and secrets. */
    public static final int BLOCK_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingCrypto() {
    }

    public static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The AES key both sides derive: the first 16 bytes of SHA-256(salt ‖ PIN as ASCII). */
    public static byte[] deriveKey(byte[] salt, String pin) {
        byte[] digest = sha256(salt, pin.getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(digest, BLOCK_LENGTH);
    }

    /** @throws IllegalArgumentException when the input is not a whole number of 16-byte blocks */
    public static byte[] encrypt(byte[] key, byte[] plaintext) {
        return aes(Cipher.ENCRYPT_MODE, key, plaintext);
    }

    /** @throws IllegalArgumentException when the input is not a whole number of 16-byte blocks */
    public static byte[] decrypt(byte[] key, byte[] ciphertext) {
        return aes(Cipher.DECRYPT_MODE, key, ciphertext);
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
        }
    }

    /** False for a wrong or malformed signature. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with a " + key.getAlgorithm() + " key", e);
        }
    }

    /** SHA-256 over the parts, in order. */
    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The host's proof: SHA-256(client challenge ‖ sig(host certificate) ‖ host secret). */
    public static byte[] hostProof(byte[] clientChallenge, X509Certificate hostCertificate, byte[] hostSecret) {
        return sha256(clientChallenge, Certificates.signatureValue(hostCertificate), hostSecret);
    }

    /** The client's proof: SHA-256(host challenge ‖ sig(client certificate) ‖ client secret). */
    public static byte[] clientProof(byte[] hostChallenge, X509Certificate clientCertificate, byte[] clientSecret) {
        return sha256(hostChallenge, Certificates.signatureValue(clientCertificate), clientSecret);
    }

    /** Constant-time comparison, so a proof check leaks nothing through timing. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static byte[] aes(int mode, byte[] key, byte[] input) {
        if (input.length == 0 || input.length % BLOCK_LENGTH != 0) {
            throw new IllegalArgumentException("AES-ECB input must be a whole number of 16-byte blocks, got "
                    + input.length + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-ECB failed", e);
        }
    }
}
