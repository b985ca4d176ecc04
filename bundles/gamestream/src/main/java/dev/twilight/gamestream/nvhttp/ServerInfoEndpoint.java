package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.session.SessionManager;
import java.util.function.Supplier;

/** {@code /serverinfo}: who the host is, what it can encode and whether an app runs. */
final class ServerInfoEndpoint {

    /** GameStream generation 7.1.431; the negative last part tells clients it is a Sunshine-compatible host. */
    static final String APP_VERSION = "7.1.431.-1";
    static final String GFE_VERSION = "3.23.0.74";

    private final String hostname;
    private final String uniqueId;
    private final int httpPort;
    private final int httpsPort;
    private final SessionManager sessions;
    private final Supplier<VideoPipeline> pipeline;

    ServerInfoEndpoint(String hostname, String uniqueId, int httpPort, int httpsPort, SessionManager sessions,
                       Supplier<VideoPipeline> pipeline) {
        this.hostname = hostname;
        this.uniqueId = uniqueId;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.sessions = sessions;
        this.pipeline = pipeline;
    }

    /** @param paired the request came over HTTPS with a paired certificate */
    NvHttpReply answer(NvHttpRequest request, boolean paired) {
        int codecs = CodecSupport.flags(pipeline.get());
        int currentGame = sessions.currentAppId();
        return XmlReply.ok()
                .with("hostname", hostname)
                .with("appversion", APP_VERSION)
                .with("GfeVersion", GFE_VERSION)
                .with("uniqueid", uniqueId)
                .with("HttpsPort", httpsPort)
                .with("ExternalPort", httpPort)
                .with("MaxLumaPixelsHEVC", (codecs & CodecSupport.HEVC) != 0 ? CodecSupport.MAX_LUMA_PIXELS_HEVC : 0)
                .with("mac", paired ? NetworkAddresses.mac(request.local().getAddress()) : NetworkAddresses.NO_MAC)
                .with("LocalIP", NetworkAddresses.localIp(request.local().getAddress()))
                .with("ServerCodecModeSupport", codecs)
                .with("PairStatus", paired ? 1 : 0)
                .with("currentgame", currentGame)
                .with("state", currentGame != 0 ? "SUNSHINE_SERVER_BUSY" : "SUNSHINE_SERVER_FREE")
                .reply();
    }
}
