package dev.twilight.client.stream;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.StreamSettings;
import dev.twilight.api.decode.OpusStreams;
import dev.twilight.gamestream.crypto.OpusLayout;
import dev.twilight.gamestream.crypto.StreamEncryption;
import dev.twilight.transport.crypto.VideoCipher;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The client's RTSP handshake as a GameStream 7.1.431 client runs it against a Sunshine-type host (fact sheet
 * §1.3): OPTIONS, DESCRIBE, SETUP of audio, video and control, ANNOUNCE, PLAY.
 */
final class RtspHandshake {

    private static final int DEFAULT_RTSP_PORT = 48010;
    private static final String ENCRYPTED_SCHEME = "rtspenc";
    private static final String AUDIO = "streamid=audio/0/0";
    private static final String VIDEO = "streamid=video/0/0";
    /** The control stream id of the encrypted control protocol; ANNOUNCE goes to it too. */
    private static final String CONTROL = "streamid=control/13/0";
    private static final Map<String, String> SETUP_HEADERS = Map.of(
            "Transport", "unicast;X-GS-ClientPort=50000-50001",
            "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT");
    private static final int PING_PAYLOAD_CHARACTERS = 16;

    private RtspHandshake() {
    }

    /**
     * @throws ClientException when the host refuses a step, leaves out what the streams need, or does not offer
     *                         the codec or the encrypted control stream
     */
    static NegotiatedStream run(HostAddress hostAddress, LaunchResult launch, StreamSettings settings)
            throws ClientException {
        URI url = sessionUrl(launch.sessionUrl());
        InetAddress host = resolve(url.getHost() == null || url.getHost().isEmpty() ? hostAddress.host()
                : url.getHost());
        boolean encrypted = ENCRYPTED_SCHEME.equals(url.getScheme());
        RtspClient rtsp = new RtspClient(new InetSocketAddress(host, url.getPort() < 0 ? DEFAULT_RTSP_PORT
                : url.getPort()), host.getHostAddress(), encrypted ? launch.remoteInputKey() : null);
        String target = launch.sessionUrl();
        try {
            rtsp.request("OPTIONS", target, Map.of(), "");
            String description = rtsp.request("DESCRIBE", target, Map.of(
                    "Accept", "application/sdp",
                    "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"), "").body();
            HostCapabilities capabilities = HostCapabilities.parse(description);
            OpusStreams audioLayout = audioLayout(description, settings.audioChannels());
            if (!capabilities.offers(settings.codec())) {
                throw new ClientException(0, "the host does not stream " + settings.codec().displayName()
                        + (capabilities.hevc() ? "; it offers HEVC" : "") + (capabilities.av1() ? "; it offers AV1" : "")
                        + "; H.264 is always offered");
            }
            if ((capabilities.encryptionSupported() & StreamEncryption.CONTROL_V2) == 0) {
                throw new ClientException(0, "the host does not offer the encrypted control stream with V2 IVs: it "
                        + "is older than GameStream 7.1.431, which this client does not speak");
            }
            RtspResponse audio = rtsp.request("SETUP", AUDIO, SETUP_HEADERS, "");
            String session = audio.required("Session").split(";", 2)[0];
            Map<String, String> withSession = Map.of("Session", session);
            RtspResponse video = rtsp.request("SETUP", VIDEO, with(SETUP_HEADERS, withSession), "");
            RtspResponse control = rtsp.request("SETUP", CONTROL, with(SETUP_HEADERS, withSession), "");
            int encryption = encryptionToEnable(capabilities);
            int videoPort = serverPort(video);
            // sealed video datagrams are 32 bytes longer: the payload shrinks so that they still fit the MTU
            int packetSize = settings.packetSize() - ((encryption & StreamEncryption.VIDEO) != 0
                    ? VideoCipher.PREFIX_BYTES : 0);
            String body = AnnounceBody.build(settings, host.getHostAddress(), host instanceof Inet6Address,
                    videoPort, packetSize, encryption);
            rtsp.request("ANNOUNCE", CONTROL, with(withSession, Map.of("Content-type", "application/sdp")), body);
            rtsp.request("PLAY", "/", withSession, "");
            return new NegotiatedStream(host, videoPort, serverPort(audio), serverPort(control),
                    pingPayload(video), pingPayload(audio),
                    (int) Long.parseUnsignedLong(control.required("X-SS-Connect-Data").strip()), packetSize,
                    encryption, audioLayout);
        } catch (IllegalArgumentException e) {
            throw new ClientException(0, "the host's RTSP handshake is missing what the streams need: "
                    + e.getMessage());
        }
    }

    /**
     * The encrypted control stream always; audio encryption whenever offered (it costs little); video encryption
     * only when the host asks for it, as Moonlight does unless the user opts in.
     */
    /**
     * How the host packs the audio channels: stereo is always one coupled stream (clients do not read its line);
     * surround follows the host's advertised normal-quality layout, which this client asks for.
     */
    static OpusStreams audioLayout(String description, int channels) throws ClientException {
        if (channels == 2) {
            return OpusStreams.STEREO;
        }
        return OpusLayout.advertisedIn(description, channels).map(OpusLayout::decoderStreams)
                .orElseThrow(() -> new ClientException(0, "the host advertises no " + channels + "-channel audio "
                        + "layout (surround-params); stream in stereo (--audio stereo)"));
    }

    static int encryptionToEnable(HostCapabilities capabilities) {
        int supported = capabilities.encryptionSupported();
        return StreamEncryption.CONTROL_V2 | supported & StreamEncryption.AUDIO
                | supported & capabilities.encryptionRequested();
    }

    /** {@code Transport: server_port=<port>} */
    private static int serverPort(RtspResponse reply) {
        String transport = reply.required("Transport");
        int start = transport.indexOf("server_port=");
        if (start < 0) {
            throw new IllegalArgumentException("its Transport header '" + transport + "' names no server_port");
        }
        String digits = transport.substring(start + "server_port=".length()).split("[^0-9]", 2)[0];
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("server_port " + port + " is no port");
        }
        return port;
    }

    private static String pingPayload(RtspResponse reply) {
        String payload = reply.required("X-SS-Ping-Payload");
        if (payload.length() != PING_PAYLOAD_CHARACTERS) {
            throw new IllegalArgumentException("its ping payload '" + payload + "' is not " + PING_PAYLOAD_CHARACTERS
                    + " characters (legacy hosts that match pings by address are not supported)");
        }
        return payload;
    }

    private static URI sessionUrl(String sessionUrl) throws ClientException {
        try {
            URI url = new URI(sessionUrl);
            if (!"rtsp".equals(url.getScheme()) && !ENCRYPTED_SCHEME.equals(url.getScheme())) {
                throw new ClientException(0, "the session URL '" + sessionUrl + "' is not rtsp:// or rtspenc://");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw new ClientException("the session URL '" + sessionUrl + "' is not a URL", e);
        }
    }

    private static InetAddress resolve(String host) throws ClientException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ClientException("cannot resolve the host '" + host + "'", e);
        }
    }

    private static Map<String, String> with(Map<String, String> first, Map<String, String> second) {
        Map<String, String> all = new java.util.LinkedHashMap<>(first);
        all.putAll(second);
        return all;
    }
}
