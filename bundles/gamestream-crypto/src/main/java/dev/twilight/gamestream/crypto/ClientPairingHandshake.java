package dev.twilight.gamestream.crypto;

import dev.twilight.gamestream.crypto.PairingException.Failure;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The client's side of one pairing attempt. The caller sends each value to the host and feeds back the
 * answer, in the order of the methods: {@link #salt()} (phase 1, with the client certificate), then
 * {@link #clientChallenge}, {@link #serverChallengeResponse}, {@link #verifyPairingSecret} and
 * {@link #clientPairingSecret}. Calling them out of order is a programming error.
 */
public final class ClientPairingHandshake {

    private enum Step { SALT_SENT, CHALLENGE_SENT, PROOF_SENT, VERIFIED, DONE }

    private final Identity client;
    private final byte[] salt = PairingCrypto.random(PairingCrypto.BLOCK_LENGTH);
    private final byte[] key;
    private final byte[] challenge = PairingCrypto.random(PairingCrypto.BLOCK_LENGTH);
    private final byte[] secret = PairingCrypto.random(PairingCrypto.BLOCK_LENGTH);
    private Step step = Step.SALT_SENT;
    private X509Certificate hostCertificate;
    private byte[] hostProof;

    /** @param pin the four digits this client shows and the user enters on the host */
    public ClientPairingHandshake(Identity client, String pin) {
        this.client = client;
        this.key = PairingCrypto.deriveKey(salt, pin);
    }

    /** Phase 1: the {@code salt} to send with the client certificate. */
    public byte[] salt() {
        return salt.clone();
    }

    /**
     * Phase 2, once phase 1 answered with the host certificate ({@code plaincert}).
     *
     * @return {@code clientchallenge}: the encrypted random challenge
     */
    public synchronized byte[] clientChallenge(X509Certificate hostCertificate) {
        advance(Step.SALT_SENT, Step.CHALLENGE_SENT);
        this.hostCertificate = hostCertificate;
        return PairingCrypto.encrypt(key, challenge);
    }

    /**
     * Phase 3: reads the host's {@code challengeresponse} and answers its challenge.
     *
     * @return {@code serverchallengeresp}: the encrypted client proof, padded to 32 bytes
     */
    public synchronized byte[] serverChallengeResponse(byte[] challengeResponse) throws PairingException {
        advance(Step.CHALLENGE_SENT, Step.PROOF_SENT);
        int length = PairingCrypto.HASH_LENGTH + PairingCrypto.BLOCK_LENGTH;
        if (challengeResponse.length != length) {
            throw new PairingException(Failure.MALFORMED, "challengeresponse must be " + length + " bytes, got "
                    + challengeResponse.length);
        }
        byte[] plain = PairingCrypto.decrypt(key, challengeResponse);
        hostProof = Arrays.copyOf(plain, PairingCrypto.HASH_LENGTH);
        byte[] hostChallenge = Arrays.copyOfRange(plain, PairingCrypto.HASH_LENGTH, length);
        byte[] proof = PairingCrypto.clientProof(hostChallenge, client.certificate(), secret);
        return PairingCrypto.encrypt(key, Arrays.copyOf(proof, PairingCrypto.HASH_LENGTH));
    }

    /**
     * Checks the host's {@code pairingsecret}: first that the host certificate signed it (else someone is in
     * between), then that the host's proof from phase 2 matches (else the PIN entered on the host was wrong).
     */
    public synchronized void verifyPairingSecret(byte[] pairingSecret) throws PairingException {
        advance(Step.PROOF_SENT, Step.VERIFIED);
        if (pairingSecret.length <= PairingCrypto.BLOCK_LENGTH) {
            throw new PairingException(Failure.MALFORMED, "pairingsecret must be a 16-byte secret followed by its "
                    + "signature, got " + pairingSecret.length + " bytes");
        }
        byte[] hostSecret = Arrays.copyOf(pairingSecret, PairingCrypto.BLOCK_LENGTH);
        byte[] signature = Arrays.copyOfRange(pairingSecret, PairingCrypto.BLOCK_LENGTH, pairingSecret.length);
        if (!PairingCrypto.verify(hostCertificate.getPublicKey(), hostSecret, signature)) {
            throw new PairingException(Failure.BAD_SIGNATURE, "the host's pairing secret is not signed by the "
                    + "certificate it sent: something between this client and the host changed it");
        }
        byte[] expected = PairingCrypto.hostProof(challenge, hostCertificate, hostSecret);
        if (!PairingCrypto.same(expected, hostProof)) {
            throw new PairingException(Failure.WRONG_PIN, "the PIN entered on the host was wrong: start pairing "
                    + "again and enter the PIN this client shows");
        }
    }

    /** Phase 4: {@code clientpairingsecret}, the client secret ‖ its signature. */
    public synchronized byte[] clientPairingSecret() {
        advance(Step.VERIFIED, Step.DONE);
        return HostPairingHandshake.concat(secret, PairingCrypto.sign(client.privateKey(), secret));
    }

    private void advance(Step from, Step to) {
        if (step != from) {
            throw new IllegalStateException("pairing step called at " + step + ", expected " + from);
        }
        step = to;
    }
}
