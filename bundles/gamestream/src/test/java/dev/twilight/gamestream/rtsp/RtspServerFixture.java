package dev.twilight.gamestream.rtsp;

import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.nvhttp.TestHostServices.EncoderList;
import dev.twilight.gamestream.nvhttp.TestHostServices.RecordingSessions;
import dev.twilight.transport.video.Pacer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real RTSP server on 127.0.0.1 with a free port, as if nvhttp listened on 47989 there, over the in-test
 * session manager and an H.264 + HEVC encoder (AV1 listed but unavailable).
 */
public abstract class RtspServerFixture {

    protected static final int NVHTTP_PORT = 47989;
    protected static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    protected final RecordingSessions sessions = new RecordingSessions();
    protected final EncoderList pipeline = new EncoderList().encoder("H264,HEVC", true).encoder("AV1", false);
    protected RtspServer server;
    protected int port;

    @BeforeEach
    protected void startServer() throws IOException {
        server = new RtspServer(config(0), NVHTTP_PORT, "127.0.0.1", sessions);
        server.setVideoPipeline(pipeline);
        port = server.port();
    }

    @AfterEach
    protected void stopServer() {
        server.deactivate();
    }

    /** The host's video pipeline comes, as the OSGi reference would bind it. */
    protected void setVideoPipeline(VideoPipeline videoPipeline) {
        server.setVideoPipeline(videoPipeline);
    }

    /** The host's video pipeline goes, as the OSGi reference would unbind it. */
    protected void unsetVideoPipeline(VideoPipeline videoPipeline) {
        server.unsetVideoPipeline(videoPipeline);
    }

    /** Stream ports from the nvhttp port, the address nvhttp listens on. */
    /** Waits up to 5 s for the condition, polling. */
    protected static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    static RtspConfig config(int port) {
        return new RtspConfig() {
            @Override
            public Class<RtspConfig> annotationType() {
                return RtspConfig.class;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public int video_port() {
                return -1;
            }

            @Override
            public int control_port() {
                return -1;
            }

            @Override
            public int audio_port() {
                return -1;
            }

            @Override
            public String bind_address() {
                return "";
            }

            @Override
            public int video_pacing_mbps() {
                return (int) (Pacer.DEFAULT_BITS_PER_SECOND / 1_000_000);
            }

            @Override
            public String[] audio_source_preference() {
                return new String[0];
            }
        };
    }

    /** A pending launch of client-1 at 127.0.0.1 with {@link #KEY}. */
    protected StreamSession launch(int coreVersion) {
        return launch("client-1", "127.0.0.1", KEY, coreVersion);
    }

    protected StreamSession launch(String clientId, String address, byte[] key, int coreVersion) {
        return sessions.launch(new ClientRef(clientId, "Den " + clientId, "0123456789ABCDEF", address),
                new LaunchParameters(7, 1920, 1080, 60, key, 42, false, 0x3F0006, false, coreVersion, false, 0))
                .session();
    }

    protected RtspHandshake handshake(StreamSession session) {
        return server.handshakes().bySessionId(session.id()).orElseThrow();
    }
}
