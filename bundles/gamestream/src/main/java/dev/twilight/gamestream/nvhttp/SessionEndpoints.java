package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchOutcome;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionManager;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /launch}, {@code /resume} and {@code /cancel}: the session manager decides, this maps the protocol. */
final class SessionEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoints.class);
    /** Stereo, what clients mean when they send no {@code surroundAudioInfo}. */
    private static final int STEREO = 0x30002;

    private final SessionManager sessions;
    private final IntSupplier rtspPort;

    SessionEndpoints(SessionManager sessions, IntSupplier rtspPort) {
        this.sessions = sessions;
        this.rtspPort = rtspPort;
    }

    NvHttpReply launch(NvHttpRequest request, ClientRef client) {
        LaunchParameters parameters = parameters(request, true);
        LaunchOutcome outcome = sessions.launch(client, parameters);
        if (!outcome.isAccepted()) {
            LOG.warn("Launch of app {} for '{}' refused: {}", parameters.appId(), client.name(),
                    outcome.refusal().message());
            return refusal(outcome.refusal()).with("gamesession", 0).reply();
        }
        LOG.info("Launched app {} for '{}' at {}x{}@{}", parameters.appId(), client.name(), parameters.width(),
                parameters.height(), parameters.fps());
        return XmlReply.ok().with("sessionUrl0", sessionUrl(request, parameters)).with("gamesession", 1).reply();
    }

    NvHttpReply resume(NvHttpRequest request, ClientRef client) {
        LaunchParameters parameters = parameters(request, false);
        LaunchOutcome outcome = sessions.resume(client, parameters);
        if (!outcome.isAccepted()) {
            LOG.warn("Resume for '{}' refused: {}", client.name(), outcome.refusal().message());
            return refusal(outcome.refusal()).with("resume", 0).reply();
        }
        LOG.info("Resumed the running app for '{}' at {}x{}@{}", client.name(), parameters.width(),
                parameters.height(), parameters.fps());
        return XmlReply.ok().with("sessionUrl0", sessionUrl(request, parameters)).with("resume", 1).reply();
    }

    /** Blocks until the session manager has stopped the app (bounded there), so serverinfo is right at once. */
    NvHttpReply cancel(ClientRef client) {
        Optional<Refusal> refusal = sessions.cancel(client);
        if (refusal.isPresent()) {
            LOG.warn("Quit for '{}' refused: {}", client.name(), refusal.get().message());
            return refusal(refusal.get()).with("cancel", 0).reply();
        }
        LOG.info("Quit the running app for '{}'", client.name());
        return XmlReply.ok().with("cancel", 1).reply();
    }

    /**
     * What the client asked for; {@code rikey} and {@code rikeyid} are always required, {@code appid} and
     * {@code localAudioPlayMode} only to launch, as Sunshine requires them.
     */
    static LaunchParameters parameters(NvHttpRequest request, boolean launch) {
        if (launch) {
            request.required("appid");
            request.required("localAudioPlayMode");
        }
        int appId = request.integer("appid", 0);
        byte[] key = request.hex("rikey");
        if (key.length != 16) {
            throw new NvHttpException(400, "rikey must be 16 bytes (32 hex digits), got " + key.length);
        }
        int keyId = remoteInputKeyId(request.required("rikeyid"));
        int[] mode = mode(request.param("mode"));
        return new LaunchParameters(appId, mode[0], mode[1], mode[2], key, keyId,
                request.integer("localAudioPlayMode", 0) != 0,
                request.integer("surroundAudioInfo", STEREO),
                request.integer("hdrMode", 0) != 0,
                request.integer("corever", 0),
                request.integer("sops", 0) != 0,
                request.integer("gcmap", request.integer("remoteControllersBitmap", 0)));
    }

    /** A 32-bit value clients send signed; unsigned spellings are taken too. */
    private static int remoteInputKeyId(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= Integer.MIN_VALUE && value <= 0xFFFFFFFFL) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new NvHttpException(400, "rikeyid must be a 32-bit number, got '" + text + "'");
    }

    /** {@code WIDTHxHEIGHTxFPS}; zeros when the client sent none. */
    private static int[] mode(String text) {
        if (text == null) {
            return new int[3];
        }
        String[] parts = text.split("x");
        try {
            if (parts.length == 3) {
                int[] mode = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
                if (mode[0] >= 0 && mode[1] >= 0 && mode[2] >= 0) {
                    return mode;
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new NvHttpException(400, "mode must be WIDTHxHEIGHTxFPS, e.g. 1920x1080x60, got '" + text + "'");
    }

    /** Where the client's RTSP handshake goes: the address it reached the host at, encrypted from corever 1. */
    private String sessionUrl(NvHttpRequest request, LaunchParameters parameters) {
        String scheme = parameters.coreVersion() >= 1 ? "rtspenc://" : "rtsp://";
        return scheme + NetworkAddresses.forUrl(request.local().getAddress()) + ":" + rtspPort.getAsInt();
    }

    private static XmlReply refusal(Refusal refusal) {
        return XmlReply.status(refusal.status(), (refusal.message() + " " + refusal.remedy()).strip());
    }
}
