package dev.twilight.client.nvhttp;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.HostInfo;
import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.client.nvhttp.PinnedHosts.PinnedHost;
import dev.twilight.gamestream.crypto.ClientPairingHandshake;
import dev.twilight.gamestream.crypto.Hex;
import dev.twilight.gamestream.crypto.Identity;
import dev.twilight.gamestream.crypto.PairingCrypto;
import dev.twilight.gamestream.crypto.PairingException;
import dev.twilight.gamestream.crypto.Pem;
import dev.twilight.storage.StateDirectory;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of nvhttp, for Sunshine and Twilight hosts. Its identity lives in
 * {@code <state>/client-identity} and the pinned host certificates in {@code <state>/hosts.json}. Every call
 * first asks the host's plain serverinfo who it is, then uses the certificate pinned for that host.
 */
@Component(service = GameStreamClient.class, configurationPid = NvHttpGameStreamClient.PID)
@Designate(ocd = ClientConfig.class)
public class NvHttpGameStreamClient implements GameStreamClient {

    public static final String PID = "dev.twilight.client.nvhttp";

    private static final Logger LOG = LoggerFactory.getLogger(NvHttpGameStreamClient.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_HTTPS_PORT = 47984;
    private static final int DEFAULT_RTSP_PORT = 48010;
    /** What Moonlight sends with pairing requests; hosts ignore it. */
    private static final Map<String, String> PAIRING_DEVICE = Map.of("devicename", "roth", "updateState", "1");

    private final SecureRandom random = new SecureRandom();
    private final Identity identity;
    private final PinnedHosts hosts;
    private final NvHttpTransport transport;

    @Activate
    public NvHttpGameStreamClient(ClientConfig config, BundleContext context) throws IOException {
        this(StateDirectory.resolve(config.state_dir(), context.getProperty(StateDirectory.FRAMEWORK_PROPERTY),
                StateDirectory.CLIENT));
    }

    /** A client keeping its identity and pinned hosts in the directory. */
    public NvHttpGameStreamClient(Path stateDirectory) throws IOException {
        // not identity/: a host running in the same framework keeps its own identity there
        identity = Identity.loadOrCreate(stateDirectory.resolve("client-identity"), Identity.Role.CLIENT);
        hosts = PinnedHosts.load(stateDirectory.resolve("hosts.json"));
        transport = new NvHttpTransport(identity);
    }

    @Override
    public String newPin() {
        return String.format("%04d", random.nextInt(10_000));
    }

    @Override
    public HostInfo serverInfo(HostAddress host) throws ClientException {
        HostInfo plain = plainServerInfo(host);
        Optional<PinnedHost> pinned = hosts.get(plain.uniqueId());
        if (pinned.isEmpty()) {
            return plain;
        }
        remember(plain.uniqueId(), host);
        try {
            return hostInfo(transport.https(host.host(), httpsPort(host, plain), certificate(pinned.get()),
                    "serverinfo", Map.of(), REQUEST_TIMEOUT).requireOk(), host);
        } catch (ClientException e) {
            if (e.status() != 401) {
                throw e;
            }
            LOG.info("{} no longer accepts this client over HTTPS ({}); it shows as unpaired", host.host(),
                    e.getMessage());
            return plain;
        }
    }

    @Override
    public boolean isPaired(HostAddress host) throws ClientException {
        return hosts.get(plainServerInfo(host).uniqueId()).isPresent();
    }

    @Override
    public void pair(HostAddress host, String pin, Duration timeout) throws ClientException {
        if (pin == null || !pin.matches("[0-9]{4}")) {
            throw new ClientException(0, "the PIN must be four digits");
        }
        HostInfo info = plainServerInfo(host);
        if (majorVersion(info.appVersion()) < 7) {
            throw new ClientException(0, info.hostname() + " speaks GameStream " + info.appVersion()
                    + ", which pairs with SHA-1: only hosts of version 7 and later (Sunshine, GFE 3) are supported");
        }
        ClientPairingHandshake handshake = new ClientPairingHandshake(identity, pin);
        try {
            NvHttpXml certificateReply = getServerCertificate(host, info, handshake, timeout);
            String plaincert = certificateReply.text("plaincert");
            if (plaincert == null || plaincert.isEmpty()) {
                throw new ClientException(0, info.hostname() + " is already pairing with another client: finish or "
                        + "cancel that first");
            }
            X509Certificate hostCertificate = hostCertificate(plaincert);
            NvHttpXml challenge = pairingStep(host, REQUEST_TIMEOUT, "phase 2", Map.of("clientchallenge",
                    Hex.encode(handshake.clientChallenge(hostCertificate))));
            NvHttpXml secret = pairingStep(host, REQUEST_TIMEOUT, "phase 3", Map.of("serverchallengeresp",
                    Hex.encode(handshake.serverChallengeResponse(hexField(challenge, "challengeresponse")))));
            handshake.verifyPairingSecret(hexField(secret, "pairingsecret"));
            pairingStep(host, REQUEST_TIMEOUT, "phase 4", Map.of("clientpairingsecret",
                    Hex.encode(handshake.clientPairingSecret())));
            Map<String, String> challengeQuery = new LinkedHashMap<>(PAIRING_DEVICE);
            challengeQuery.put("phrase", "pairchallenge");
            NvHttpXml confirmed = transport.https(host.host(), httpsPort(host, info), hostCertificate, "pair",
                    challengeQuery, REQUEST_TIMEOUT).requireOk();
            if (!"1".equals(confirmed.text("paired"))) {
                throw new ClientException(confirmed.status(), info.hostname() + " did not accept this client over "
                        + "HTTPS after pairing: pair again");
            }
            hosts.pin(info.uniqueId(), info.hostname(), Pem.encodeCertificate(hostCertificate), address(host));
            LOG.info("Paired with {} ({}, uniqueid {})", info.hostname(), host.host(), info.uniqueId());
        } catch (PairingException e) {
            sendUnpair(host);
            throw new ClientException(0, "pairing with " + info.hostname() + " failed: " + e.getMessage());
        } catch (ClientException e) {
            sendUnpair(host);
            throw e;
        } catch (IOException e) {
            throw new ClientException("paired with " + info.hostname() + " but cannot save its certificate", e);
        }
    }

    /** Phase 1, which the host answers once the PIN is entered there. */
    private NvHttpXml getServerCertificate(HostAddress host, HostInfo info, ClientPairingHandshake handshake,
                                           Duration timeout) throws ClientException {
        try {
            return pairingStep(host, timeout, "phase 1", Map.of(
                    "phrase", "getservercert",
                    "salt", Hex.encode(handshake.salt()),
                    "clientcert", Hex.encode(identity.certificatePem().getBytes(StandardCharsets.US_ASCII))));
        } catch (ClientException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw new ClientException("no PIN was entered on " + info.hostname() + " within "
                        + NvHttpTransport.describe(timeout) + ": enter the PIN this client shows on the host while "
                        + "pairing waits", e.getCause());
            }
            throw e;
        }
    }

    /** One of phases 1 to 4, over plain HTTP as Moonlight pairs; anything but {@code paired=1} fails it. */
    private NvHttpXml pairingStep(HostAddress host, Duration timeout, String step, Map<String, String> values)
            throws ClientException {
        Map<String, String> query = new LinkedHashMap<>(PAIRING_DEVICE);
        query.putAll(values);
        NvHttpXml reply = transport.http(host.host(), host.httpPort(), "pair", query, timeout).requireOk();
        if (!"1".equals(reply.text("paired"))) {
            throw new ClientException(reply.status(), host.host() + " refused pairing at " + step
                    + (step.equals("phase 4") ? ": the PIN did not match" : "") + "; start pairing again");
        }
        return reply;
    }

    /**
     * {@code /unpair}: Sunshine ignores it and our host only ends a pairing attempt with it, so its answer (Sunshine
     * sends junk) does not matter.
     */
    private void sendUnpair(HostAddress host) {
        try {
            transport.http(host.host(), host.httpPort(), "unpair", Map.of(), REQUEST_TIMEOUT);
        } catch (ClientException e) {
            LOG.debug("/unpair to {} failed: {}", host.host(), e.getMessage());
        }
    }

    @Override
    public List<HostApp> appList(HostAddress host) throws ClientException {
        PairedHost paired = paired(host);
        List<HostApp> apps = new ArrayList<>();
        for (Map<String, String> app : paired.get("applist", Map.of(), REQUEST_TIMEOUT).all("App")) {
            String title = app.get("AppTitle");
            if (title == null) {
                throw new ClientException(0, host.host() + " listed an app without AppTitle");
            }
            apps.add(new HostApp(number(app.get("ID"), "app ID of '" + title + "'", host),
                    title, "1".equals(app.get("IsHdrSupported"))));
        }
        return apps;
    }

    @Override
    public LaunchResult launch(HostAddress host, LaunchRequest request) throws ClientException {
        return start(host, request, "launch", "gamesession");
    }

    @Override
    public LaunchResult resume(HostAddress host, LaunchRequest request) throws ClientException {
        return start(host, request, "resume", "resume");
    }

    /** {@code /launch} or {@code /resume} with fresh remote-input keys and encrypted RTSP ({@code corever=1}). */
    private LaunchResult start(HostAddress host, LaunchRequest request, String verb, String startedElement)
            throws ClientException {
        PairedHost paired = paired(host);
        byte[] key = PairingCrypto.random(16);
        int keyId = ByteBuffer.wrap(PairingCrypto.random(4)).getInt();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("appid", Integer.toString(request.appId()));
        query.put("mode", request.width() + "x" + request.height() + "x" + request.fps());
        query.put("additionalStates", "1");
        query.put("sops", "0");
        query.put("rikey", Hex.encode(key));
        query.put("rikeyid", Integer.toString(keyId));
        query.put("localAudioPlayMode", request.localAudio() ? "1" : "0");
        query.put("surroundAudioInfo", Integer.toString(request.surroundAudioInfo()));
        query.put("remoteControllersBitmap", "0");
        query.put("gcmap", "0");
        if (request.hdr()) {
            query.put("hdrMode", "1");
            query.put("clientHdrCapVersion", "0");
            query.put("clientHdrCapSupportedFlagsInUint32", "0");
            query.put("clientHdrCapMetaDataId", "NV_STATIC_METADATA_TYPE_1");
            query.put("clientHdrCapDisplayData", "0x0x0x0x0x0x0x0x0x0x0");
        }
        query.put("corever", "1");
        NvHttpXml reply = paired.get(verb, query, LAUNCH_TIMEOUT);
        String started = reply.text(startedElement);
        if (started == null || started.equals("0")) {
            throw new ClientException(reply.status(), host.host() + " answered " + verb + " without starting a "
                    + "session");
        }
        String sessionUrl = reply.text("sessionUrl0");
        if (sessionUrl == null || sessionUrl.isEmpty()) {
            // old GFE sends none: RTSP on the standard port of the address we used
            sessionUrl = "rtsp://" + NvHttpTransport.urlHost(host.host()) + ":" + DEFAULT_RTSP_PORT;
        }
        LOG.info("{} of app {} on {}: {}", verb, request.appId(), host.host(), sessionUrl);
        return new LaunchResult(sessionUrl, key, keyId);
    }

    @Override
    public void cancel(HostAddress host) throws ClientException {
        PairedHost paired = paired(host);
        NvHttpXml reply = paired.get("cancel", Map.of(), CANCEL_TIMEOUT);
        if ("0".equals(reply.text("cancel"))) {
            throw new ClientException(reply.status(), host.host() + " did not quit the app");
        }
        HostInfo after = hostInfo(paired.get("serverinfo", Map.of(), REQUEST_TIMEOUT), host);
        if (after.busy() && after.currentGame() != 0) {
            throw new ClientException(599, after.hostname() + " still runs app " + after.currentGame()
                    + " after quitting: it was probably started by another device; quit it there or on the host");
        }
    }

    @Override
    public void unpair(HostAddress host) throws ClientException {
        Optional<PinnedHost> pinned;
        try {
            pinned = hosts.get(plainServerInfo(host).uniqueId());
            sendUnpair(host);
        } catch (ClientException unreachable) {
            // a host that is gone can still be forgotten by the address it had
            pinned = hosts.atAddress(address(host));
            if (pinned.isEmpty()) {
                throw unreachable;
            }
        }
        if (pinned.isPresent()) {
            try {
                hosts.forget(pinned.get().uniqueId());
            } catch (IOException e) {
                throw new ClientException("cannot save the pinned host certificates", e);
            }
            LOG.info("Forgot the certificate of {} ({})", pinned.get().name(), host.host());
        }
    }

    /** A host this client paired with, reached over HTTPS with its pinned certificate. */
    private PairedHost paired(HostAddress host) throws ClientException {
        HostInfo info = plainServerInfo(host);
        PinnedHost pinned = hosts.get(info.uniqueId()).orElseThrow(() -> new ClientException(401,
                "this client is not paired with " + info.hostname() + " (" + host.host() + "): pair first"));
        remember(info.uniqueId(), host);
        return new PairedHost(host.host(), httpsPort(host, info), certificate(pinned));
    }

    private final class PairedHost {

        private final String host;
        private final int httpsPort;
        private final X509Certificate certificate;

        PairedHost(String host, int httpsPort, X509Certificate certificate) {
            this.host = host;
            this.httpsPort = httpsPort;
            this.certificate = certificate;
        }

        NvHttpXml get(String path, Map<String, String> query, Duration timeout) throws ClientException {
            return transport.https(host, httpsPort, certificate, path, query, timeout).requireOk();
        }
    }

    private HostInfo plainServerInfo(HostAddress host) throws ClientException {
        return hostInfo(transport.http(host.host(), host.httpPort(), "serverinfo", Map.of(), REQUEST_TIMEOUT)
                .requireOk(), host);
    }

    private static HostInfo hostInfo(NvHttpXml xml, HostAddress host) throws ClientException {
        String uniqueId = xml.text("uniqueid");
        if (uniqueId == null || uniqueId.isEmpty()) {
            throw new ClientException(0, host.host() + " sent serverinfo without a uniqueid: not a GameStream host?");
        }
        String hostname = xml.text("hostname");
        String state = xml.text("state");
        boolean busy = state != null && state.endsWith("_SERVER_BUSY");
        String httpsPort = xml.text("HttpsPort");
        int https = httpsPort == null ? 0 : number(httpsPort, "HttpsPort", host);
        String codecs = xml.text("ServerCodecModeSupport");
        return new HostInfo(hostname == null || hostname.isEmpty() ? "UNKNOWN" : hostname, uniqueId,
                xml.text("appversion"), xml.text("GfeVersion"), https == 0 ? DEFAULT_HTTPS_PORT : https,
                codecs == null ? 0 : unsigned(codecs, "ServerCodecModeSupport", host),
                "1".equals(xml.text("PairStatus")),
                busy ? number(xml.text("currentgame"), "currentgame", host) : 0, busy);
    }

    private static int httpsPort(HostAddress host, HostInfo info) {
        return host.httpsPort() > 0 ? host.httpsPort() : info.httpsPort();
    }

    private void remember(String uniqueId, HostAddress host) {
        try {
            hosts.seenAt(uniqueId, address(host));
        } catch (IOException e) {
            LOG.warn("Cannot save the address of host {}: {}", uniqueId, e.toString());
        }
    }

    private static String address(HostAddress host) {
        return host.host() + ":" + host.httpPort();
    }

    private static X509Certificate certificate(PinnedHost pinned) throws ClientException {
        try {
            return Pem.decodeCertificate(pinned.certificate());
        } catch (CertificateException e) {
            throw new ClientException(0, "the certificate pinned for " + pinned.name() + " is unreadable ("
                    + e.getMessage() + "): unpair and pair again");
        }
    }

    private static X509Certificate hostCertificate(String plaincertHex) throws ClientException {
        try {
            return Pem.decodeCertificate(new String(Hex.decode("plaincert", plaincertHex), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new ClientException(0, "the host sent an unreadable certificate: " + e.getMessage());
        }
    }

    private static byte[] hexField(NvHttpXml xml, String name) throws ClientException {
        try {
            return Hex.decode(name, xml.text(name));
        } catch (IllegalArgumentException e) {
            throw new ClientException(0, "the host sent a malformed " + name + ": " + e.getMessage());
        }
    }

    private static int majorVersion(String appVersion) {
        try {
            return Integer.parseInt(appVersion == null ? "" : appVersion.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int number(String text, String what, HostAddress host) throws ClientException {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new ClientException(0, host.host() + " sent a malformed " + what + ": '" + text + "'");
        }
    }

    private static long unsigned(String text, String what, HostAddress host) throws ClientException {
        try {
            return Long.parseLong(text.strip()) & 0xFFFFFFFFL;
        } catch (NumberFormatException e) {
            throw new ClientException(0, host.host() + " sent a malformed " + what + ": '" + text + "'");
        }
    }
}
