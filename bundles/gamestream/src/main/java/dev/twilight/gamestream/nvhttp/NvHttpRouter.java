package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.session.ClientRef;
import dev.twilight.gamestream.crypto.Certificates;
import dev.twilight.gamestream.pairing.PairingAttempts;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorises a request and hands it to its endpoint. On the HTTPS port every path needs a paired client
 * certificate; the HTTP port serves only serverinfo, pairing and unpair. Runs on the request executor, never
 * on an event loop; every outcome is an XML answer.
 */
final class NvHttpRouter {

    private static final Logger LOG = LoggerFactory.getLogger(NvHttpRouter.class);

    private final PairedClients pairedClients;
    private final PairingAttempts attempts;
    private final ServerInfoEndpoint serverInfo;
    private final PairEndpoint pair;
    private final AppEndpoints apps;
    private final SessionEndpoints sessions;

    NvHttpRouter(PairedClients pairedClients, PairingAttempts attempts, ServerInfoEndpoint serverInfo,
                 PairEndpoint pair, AppEndpoints apps, SessionEndpoints sessions) {
        this.pairedClients = pairedClients;
        this.attempts = attempts;
        this.serverInfo = serverInfo;
        this.pair = pair;
        this.apps = apps;
        this.sessions = sessions;
    }

    CompletableFuture<NvHttpReply> route(NvHttpRequest request) {
        try {
            PairedClient client = null;
            if (request.secure()) {
                String fingerprint = Certificates.fingerprint(request.clientCertificate());
                client = pairedClients.byFingerprint(fingerprint).orElse(null);
                if (client == null) {
                    LOG.info("Refused {} from {}: its certificate ({}) is not paired", request.path(),
                            request.remoteAddress(), fingerprint);
                    return done(XmlReply.status(401, "this client's certificate is not paired with this host: "
                            + "pair the client again").attribute("query", request.path()).reply());
                }
                pairedClients.seen(client.id());
            }
            return switch (request.path()) {
                case "/serverinfo" -> done(serverInfo.answer(request, client != null));
                case "/pair" -> pair.answer(request);
                case "/unpair" -> done(unpair(request));
                case "/applist", "/appasset", "/launch", "/resume", "/cancel" ->
                        done(forPairedClient(request, clientRef(request, client)));
                default -> throw new NvHttpException(404, "unknown path " + request.path());
            };
        } catch (NvHttpException e) {
            return done(XmlReply.status(e.status(), e.getMessage()).reply());
        } catch (RuntimeException e) {
            LOG.warn("{} from {} failed", request.path(), request.remoteAddress(), e);
            return done(XmlReply.status(500, request.path() + " failed on the host: " + e).reply());
        }
    }

    private NvHttpReply forPairedClient(NvHttpRequest request, ClientRef client) {
        return switch (request.path()) {
            case "/applist" -> apps.appList();
            case "/appasset" -> apps.appAsset(request);
            case "/launch" -> sessions.launch(request, client);
            case "/resume" -> sessions.resume(request, client);
            default -> sessions.cancel(client);
        };
    }

    /** Unpairing happens on the host (shell, admin page); a client's unpair only ends its pairing attempt. */
    private NvHttpReply unpair(NvHttpRequest request) {
        String uniqueId = request.param("uniqueid");
        if (uniqueId != null) {
            attempts.abandon(uniqueId);
        }
        return XmlReply.ok().reply();
    }

    /** @throws NvHttpException 404 for the paths that exist only on the HTTPS port */
    private static ClientRef clientRef(NvHttpRequest request, PairedClient client) {
        if (client == null) {
            throw new NvHttpException(404, request.path() + " is served on the HTTPS port only, to paired clients");
        }
        return new ClientRef(client.id(), client.name(), Objects.requireNonNullElse(request.param("uniqueid"), ""),
                request.remoteAddress());
    }

    private static CompletableFuture<NvHttpReply> done(NvHttpReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
