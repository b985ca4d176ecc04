package dev.twilight.gamestream.nvhttp;

import dev.twilight.gamestream.crypto.Hex;
import dev.twilight.gamestream.crypto.Pem;
import dev.twilight.gamestream.pairing.PairingAttempts;
import dev.twilight.gamestream.pairing.PairingRefused;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code /pair}: the five phases of §4, told apart by their parameters as Sunshine does. */
final class PairEndpoint {

    private final PairingAttempts attempts;
    private final String hostCertificateHex;

    PairEndpoint(PairingAttempts attempts, String hostCertificatePem) {
        this.attempts = attempts;
        this.hostCertificateHex = Hex.encode(hostCertificatePem.getBytes(StandardCharsets.US_ASCII));
    }

    CompletableFuture<NvHttpReply> answer(NvHttpRequest request) {
        String uniqueId = request.required("uniqueid");
        String phrase = request.param("phrase");
        try {
            if ("getservercert".equals(phrase)) {
                return getServerCertificate(request, uniqueId);
            }
            if ("pairchallenge".equals(phrase)) {
                return CompletableFuture.completedFuture(pairChallenge(request));
            }
            if (request.param("clientchallenge") != null) {
                byte[] response = attempts.clientChallenge(uniqueId, request.hex("clientchallenge"));
                return paired(XmlReply.ok().with("paired", 1).with("challengeresponse", Hex.encode(response)));
            }
            if (request.param("serverchallengeresp") != null) {
                byte[] secret = attempts.serverChallengeResponse(uniqueId, request.hex("serverchallengeresp"));
                return paired(XmlReply.ok().with("paired", 1).with("pairingsecret", Hex.encode(secret)));
            }
            if (request.param("clientpairingsecret") != null) {
                boolean proven = attempts.clientPairingSecret(uniqueId, request.hex("clientpairingsecret")).isPresent();
                return paired(XmlReply.ok().with("paired", proven ? 1 : 0));
            }
        } catch (PairingRefused refused) {
            return CompletableFuture.completedFuture(refusal(refused));
        }
        throw new NvHttpException(404, "unknown pairing step: send phrase=getservercert, clientchallenge, "
                + "serverchallengeresp, clientpairingsecret or phrase=pairchallenge");
    }

    /** Phase 1: parked until the PIN is entered on the host, then answers with the host certificate. */
    private CompletableFuture<NvHttpReply> getServerCertificate(NvHttpRequest request, String uniqueId)
            throws PairingRefused {
        byte[] salt = request.hex("salt");
        X509Certificate clientCertificate;
        try {
            clientCertificate = Pem.decodeCertificate(new String(request.hex("clientcert"), StandardCharsets.US_ASCII));
        } catch (CertificateException e) {
            throw new NvHttpException(400, "clientcert is not the hex of a PEM certificate: " + e.getMessage());
        }
        return attempts.start(uniqueId, request.remoteAddress(), clientCertificate, salt, request.closed())
                .handle((entered, failure) -> failure == null
                        ? XmlReply.ok().with("paired", 1).with("plaincert", hostCertificateHex).reply()
                        : refusal(failure));
    }

    /** Phase 5 proves that the new certificate passes the HTTPS gate, so it means nothing over HTTP. */
    private static NvHttpReply pairChallenge(NvHttpRequest request) {
        if (!request.secure()) {
            throw new NvHttpException(400, "phrase=pairchallenge must be sent over HTTPS with the client "
                    + "certificate that was just paired");
        }
        return XmlReply.ok().with("paired", 1).reply();
    }

    private static CompletableFuture<NvHttpReply> paired(XmlReply reply) {
        return CompletableFuture.completedFuture(reply.reply());
    }

    private static NvHttpReply refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof PairingRefused refused) {
            return XmlReply.status(refused.status(), refused.getMessage()).with("paired", 0).reply();
        }
        return XmlReply.status(500, "pairing failed: " + cause).with("paired", 0).reply();
    }
}
