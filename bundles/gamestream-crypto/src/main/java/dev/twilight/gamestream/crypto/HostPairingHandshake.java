package dev.twilight.gamestream.crypto;

import dev.twilight.gamestream.crypto.PairingException.Failure;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The host's side of one pairing attempt, phases 1 to 4, in their strict order. Phase 1 (the client's salt and
 * certificate) creates it; the PIN entered on the host completes phase 1; each later phase answers the client's
 * value. Thread-safe: the phases of one attempt may arrive on different threads.
 */
public final class HostPairingHandshake {

    private enum Step { WAITING_FOR_PIN, CLIENT_CHALLENGE, SERVER_CHALLENGE_RESPONSE, CLIENT_PAIRING_SECRET, DONE }

    private final Identity host;
    private final X509Certificate clientCertificate;
    private final byte[] salt;
    private Step step = Step.WAITING_FOR_PIN;
    private byte[] key;
    private byte[] hostSecret;
    private byte[] hostChallenge;
    private byte[] clientProof;

    /**
     * @param salt the client's salt; the first 16 bytes count, as Sunshine does
     * @throws PairingException (malformed) when the salt is shorter than 16 bytes
     */
    public HostPairingHandshake(Identity host, X509Certificate clientCertificate, byte[] salt)
            throws PairingException {
        if (salt.length < PairingCrypto.BLOCK_LENGTH) {
            throw new PairingException(Failure.MALFORMED, "salt must be 16 bytes (32 hex digits), got "
                    + salt.length);
        }
        this.host = host;
        this.clientCertificate = clientCertificate;
        this.salt = Arrays.copyOf(salt, PairingCrypto.BLOCK_LENGTH);
    }

    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    /** Phase 1 ends: the PIN the user entered gives the AES key. */
    public synchronized void pinEntered(String pin) throws PairingException {
        expect(Step.WAITING_FOR_PIN, "the PIN");
        key = PairingCrypto.deriveKey(salt, pin);
        step = Step.CLIENT_CHALLENGE;
    }

    /**
     * Phase 2: decrypts the client's challenge and answers AES(host proof ‖ host challenge).
     *
     * @param encryptedChallenge {@code clientchallenge}, 16 bytes
     */
    public synchronized byte[] clientChallenge(byte[] encryptedChallenge) throws PairingException {
        expect(Step.CLIENT_CHALLENGE, "clientchallenge");
        requireLength("clientchallenge", encryptedChallenge, PairingCrypto.BLOCK_LENGTH);
        byte[] challenge = PairingCrypto.decrypt(key, encryptedChallenge);
        hostSecret = PairingCrypto.random(PairingCrypto.BLOCK_LENGTH);
        hostChallenge = PairingCrypto.random(PairingCrypto.BLOCK_LENGTH);
        byte[] proof = PairingCrypto.hostProof(challenge, host.certificate(), hostSecret);
        step = Step.SERVER_CHALLENGE_RESPONSE;
        return PairingCrypto.encrypt(key, concat(proof, hostChallenge));
    }

    /**
     * Phase 3: keeps the client's encrypted proof for phase 4 and answers host secret ‖ its signature.
     *
     * @param encryptedProof {@code serverchallengeresp}, 32 bytes
     */
    public synchronized byte[] serverChallengeResponse(byte[] encryptedProof) throws PairingException {
        expect(Step.SERVER_CHALLENGE_RESPONSE, "serverchallengeresp");
        requireLength("serverchallengeresp", encryptedProof, PairingCrypto.HASH_LENGTH);
        clientProof = PairingCrypto.decrypt(key, encryptedProof);
        step = Step.CLIENT_PAIRING_SECRET;
        return concat(hostSecret, PairingCrypto.sign(host.privateKey(), hostSecret));
    }

    /**
     * Phase 4: checks the client's secret against the proof it sent in phase 3 and its signature against its
     * certificate. The attempt is over either way.
     *
     * @param secretAndSignature {@code clientpairingsecret}: 16-byte secret ‖ RSA signature
     * @return true when the client proved it used the same PIN and holds its certificate's key
     */
    public synchronized boolean clientPairingSecret(byte[] secretAndSignature) throws PairingException {
        expect(Step.CLIENT_PAIRING_SECRET, "clientpairingsecret");
        if (secretAndSignature.length <= PairingCrypto.BLOCK_LENGTH) {
            throw new PairingException(Failure.MALFORMED, "clientpairingsecret must be a 16-byte secret followed "
                    + "by its signature, got " + secretAndSignature.length + " bytes");
        }
        step = Step.DONE;
        byte[] secret = Arrays.copyOf(secretAndSignature, PairingCrypto.BLOCK_LENGTH);
        byte[] signature = Arrays.copyOfRange(secretAndSignature, PairingCrypto.BLOCK_LENGTH,
                secretAndSignature.length);
        byte[] expected = PairingCrypto.clientProof(hostChallenge, clientCertificate, secret);
        boolean proofMatches = PairingCrypto.same(expected, clientProof);
        return PairingCrypto.verify(clientCertificate.getPublicKey(), secret, signature) && proofMatches;
    }

    private void expect(Step expected, String what) throws PairingException {
        if (step != expected) {
            Step was = step;
            step = Step.DONE;
            throw new PairingException(Failure.OUT_OF_ORDER, what + " came out of order (pairing was at "
                    + describe(was) + "): start pairing again from the client");
        }
    }

    private static String describe(Step step) {
        return switch (step) {
            case WAITING_FOR_PIN -> "phase 1, waiting for the PIN";
            case CLIENT_CHALLENGE -> "phase 2, expecting clientchallenge";
            case SERVER_CHALLENGE_RESPONSE -> "phase 3, expecting serverchallengeresp";
            case CLIENT_PAIRING_SECRET -> "phase 4, expecting clientpairingsecret";
            case DONE -> "its end";
        };
    }

    private static void requireLength(String what, byte[] value, int length) throws PairingException {
        if (value.length != length) {
            throw new PairingException(Failure.MALFORMED, what + " must be " + length + " bytes, got " + value.length);
        }
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
