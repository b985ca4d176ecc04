package dev.twilight.client.shell;

import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.api.client.StreamStatistics;
import java.util.Locale;

/** The few lines printed when a stream ends. */
final class Summary {

    private Summary() {
    }

    static String of(StreamEnd end, PlaybackStatistics playback, double seconds) {
        StreamStatistics stream = playback.stream();
        String stamps = playback.stampedFrames() == 0 ? "" : String.format(Locale.ROOT,
                "%n  test pattern: frames %d to %d, %d out of order, %d skipped; capture to decoded p50/p99 %.1f/%.1f ms",
                playback.firstStamp(), playback.lastStamp(), playback.stampsOutOfOrder(), playback.stampGaps(),
                playback.captureToDecodedP50Ms(), playback.captureToDecodedP99Ms());
        return String.format(Locale.ROOT, "Stream ended after %.1f s: %s%n"
                        + "  video: %d frames decoded (%.1f fps), %d decode errors, %d dropped behind, decode p50/p99 %.1f/%.1f ms, "
                        + "host latency p50/p99 %.1f/%.1f ms%n"
                        + "  window: %d frames rendered, %d dropped by the renderer%n"
                        + "  network: %d video packets, %d lost, %d frames recovered by FEC, %d frames lost, "
                        + "%d key frames requested, %.1f MB%n"
                        + "  audio: %d packets decoded (%d recovered, %d lost), %d decode errors%s",
                seconds, end.message(),
                playback.framesDecoded(), seconds > 0 ? playback.framesDecoded() / seconds : 0,
                playback.decodeErrors(), playback.framesDroppedBehind(), playback.decodeTimeP50Ms(),
                playback.decodeTimeP99Ms(),
                stream.hostLatencyP50Ms(), stream.hostLatencyP99Ms(),
                playback.framesRendered(), playback.framesDroppedByRenderer(),
                stream.videoPacketsReceived(), stream.videoPacketsLost(), stream.framesRecoveredByFec(),
                stream.framesLost(), stream.idrRequests(), stream.bytesReceived() / 1e6,
                playback.audioPacketsDecoded(), stream.audioPacketsRecovered(), stream.audioPacketsLost(),
                playback.audioDecodeErrors(), stamps);
    }
}
