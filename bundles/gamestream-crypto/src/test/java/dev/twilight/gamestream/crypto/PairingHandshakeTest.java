package dev.twilight.gamestream.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.gamestream.crypto.PairingException.Failure;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole §4 handshake in memory, host against client, each side using only what the wire carries. */
class PairingHandshakeTest {

    private static Identity host;
    private static Identity client;

    @BeforeAll
    static void identities() {
        host = Identity.generate(Identity.Role.HOST);
        client = Identity.generate(Identity.Role.CLIENT);
    }

    @Test
    void theRightPinPairs() throws Exception {
        ClientPairingHandshake clientSide = new ClientPairingHandshake(client, "4821");
        HostPairingHandshake hostSide = phaseOne(clientSide, "4821");

        byte[] pairingSecret = phasesTwoAndThree(clientSide, hostSide);
        clientSide.verifyPairingSecret(pairingSecret);

        assertTrue(hostSide.clientPairingSecret(clientSide.clientPairingSecret()));
    }

    @Test
    void aWrongPinIsFoundByTheClientWhenItChecksTheHostProofAndTheHostRejectsPhaseFourToo() throws Exception {
        ClientPairingHandshake clientSide = new ClientPairingHandshake(client, "4821");
        HostPairingHandshake hostSide = phaseOne(clientSide, "4812");

        // phases 2 and 3 run on garbage without either side noticing: only the proofs can tell
        byte[] pairingSecret = phasesTwoAndThree(clientSide, hostSide);
        PairingException wrong = assertThrows(PairingException.class,
                () -> clientSide.verifyPairingSecret(pairingSecret));
        assertEquals(Failure.WRONG_PIN, wrong.failure());
        assertTrue(wrong.getMessage().contains("PIN"), wrong.getMessage());

        // a client that went on anyway is refused by the host
        byte[] secret = PairingCrypto.random(16);
        byte[] signed = HostPairingHandshake.concat(secret, PairingCrypto.sign(client.privateKey(), secret));
        assertFalse(hostSide.clientPairingSecret(signed));
    }

    @Test
    void aPairingSecretNotSignedByTheHostCertificateIsCaughtBeforeThePinCheck() throws Exception {
        ClientPairingHandshake clientSide = new ClientPairingHandshake(client, "1111");
        HostPairingHandshake hostSide = phaseOne(clientSide, "1111");
        byte[] pairingSecret = phasesTwoAndThree(clientSide, hostSide);
        pairingSecret[pairingSecret.length - 1] ^= 1;

        PairingException tampered = assertThrows(PairingException.class,
                () -> clientSide.verifyPairingSecret(pairingSecret));
        assertEquals(Failure.BAD_SIGNATURE, tampered.failure());
    }

    @Test
    void aClientWithAnotherKeyThanItsCertificateIsRefused() throws Exception {
        Identity impostor = Identity.generate(Identity.Role.CLIENT);
        ClientPairingHandshake clientSide = new ClientPairingHandshake(impostor, "2222");
        // the impostor sends someone else's certificate
        HostPairingHandshake hostSide = new HostPairingHandshake(host, client.certificate(), clientSide.salt());
        hostSide.pinEntered("2222");
        clientSide.verifyPairingSecret(phasesTwoAndThree(clientSide, hostSide));

        assertFalse(hostSide.clientPairingSecret(clientSide.clientPairingSecret()));
    }

    @Test
    void phasesOutOfOrderEndTheAttempt() throws Exception {
        ClientPairingHandshake clientSide = new ClientPairingHandshake(client, "3333");
        HostPairingHandshake hostSide = new HostPairingHandshake(host, client.certificate(), clientSide.salt());

        PairingException early = assertThrows(PairingException.class,
                () -> hostSide.clientChallenge(new byte[16]));
        assertEquals(Failure.OUT_OF_ORDER, early.failure());
        // the attempt is over: even the right next step is refused now
        assertEquals(Failure.OUT_OF_ORDER,
                assertThrows(PairingException.class, () -> hostSide.pinEntered("3333")).failure());
    }

    @Test
    void skippingPhaseThreeIsOutOfOrder() throws Exception {
        ClientPairingHandshake clientSide = new ClientPairingHandshake(client, "3333");
        HostPairingHandshake hostSide = phaseOne(clientSide, "3333");
        hostSide.clientChallenge(clientSide.clientChallenge(host.certificate()));

        assertEquals(Failure.OUT_OF_ORDER, assertThrows(PairingException.class,
                () -> hostSide.clientPairingSecret(new byte[272])).failure());
    }

    @Test
    void malformedValuesAreRefusedWithoutEndingTheAttempt() throws Exception {
        ClientPairingHandshake clientSide = new ClientPairingHandshake(client, "5555");
        HostPairingHandshake hostSide = phaseOne(clientSide, "5555");

        assertEquals(Failure.MALFORMED,
                assertThrows(PairingException.class, () -> hostSide.clientChallenge(new byte[15])).failure());
        byte[] pairingSecret = phasesTwoAndThree(clientSide, hostSide);
        clientSide.verifyPairingSecret(pairingSecret);
        assertTrue(hostSide.clientPairingSecret(clientSide.clientPairingSecret()));
    }

    @Test
    void aShortSaltIsMalformed() {
        assertEquals(Failure.MALFORMED, assertThrows(PairingException.class,
                () -> new HostPairingHandshake(host, client.certificate(), new byte[15])).failure());
    }

    @Test
    void bothSidesDeriveTheSameKeyFromSaltAndPin() {
        byte[] salt = PairingCrypto.random(16);
        byte[] key = PairingCrypto.deriveKey(salt, "0042");
        assertEquals(16, key.length);
        byte[] digest = PairingCrypto.sha256(salt, new byte[] {'0', '0', '4', '2'});
        assertArrayEquals(java.util.Arrays.copyOf(digest, 16), key);
        byte[] block = PairingCrypto.random(48);
        assertArrayEquals(block, PairingCrypto.decrypt(key, PairingCrypto.encrypt(key, block)));
        assertThrows(IllegalArgumentException.class, () -> PairingCrypto.encrypt(key, new byte[17]));
    }

    @Test
    void signaturesVerifyOnlyWithTheSignersKeyAndTheCertificateSignatureIsTheRawBits() {
        byte[] data = PairingCrypto.random(16);
        byte[] signature = PairingCrypto.sign(host.privateKey(), data);
        assertTrue(PairingCrypto.verify(host.certificate().getPublicKey(), data, signature));
        assertFalse(PairingCrypto.verify(client.certificate().getPublicKey(), data, signature));
        assertFalse(PairingCrypto.verify(host.certificate().getPublicKey(), data, new byte[3]));
        assertEquals(256, Certificates.signatureValue(host.certificate()).length);
    }

    /** Phase 1 as the wire has it: the client certificate travels as PEM text, the PIN reaches the host. */
    private static HostPairingHandshake phaseOne(ClientPairingHandshake clientSide, String pinOnHost)
            throws Exception {
        X509Certificate sent = Pem.decodeCertificate(client.certificatePem());
        HostPairingHandshake hostSide = new HostPairingHandshake(host, sent, clientSide.salt());
        hostSide.pinEntered(pinOnHost);
        return hostSide;
    }

    private static byte[] phasesTwoAndThree(ClientPairingHandshake clientSide, HostPairingHandshake hostSide)
            throws Exception {
        X509Certificate plaincert = Pem.decodeCertificate(host.certificatePem());
        byte[] challengeResponse = hostSide.clientChallenge(clientSide.clientChallenge(plaincert));
        assertEquals(48, challengeResponse.length);
        byte[] serverChallengeResponse = clientSide.serverChallengeResponse(challengeResponse);
        assertEquals(32, serverChallengeResponse.length);
        return hostSide.serverChallengeResponse(serverChallengeResponse);
    }
}
