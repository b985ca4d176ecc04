package dev.twilight.client.window;

import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.StreamStatistics;
import java.util.List;
import java.util.Locale;

/** The statistics overlay's lines: rates over the last interval, then the playback's and connection's figures. */
final class OverlayText {

    private OverlayText() {
    }

    static List<String> lines(PlaybackStatistics before, PlaybackStatistics now, double intervalSeconds) {
        StreamStatistics stream = now.stream();
        StreamStatistics earlier = before.stream();
        return List.of(
                String.format(Locale.ROOT, "%.1f fps received, %.1f decoded, %.1f rendered",
                        (stream.framesComplete() - earlier.framesComplete()) / intervalSeconds,
                        (now.framesDecoded() - before.framesDecoded()) / intervalSeconds,
                        (now.framesRendered() - before.framesRendered()) / intervalSeconds),
                String.format(Locale.ROOT, "%.2f Mbps, RTT %d ms, host latency %.1f ms",
                        (stream.bytesReceived() - earlier.bytesReceived()) * 8 / intervalSeconds / 1e6,
                        stream.controlRoundTripMs(), stream.hostLatencyP50Ms()),
                String.format(Locale.ROOT, "decode %.1f ms (p99 %.1f), renderer dropped %d frames",
                        now.decodeTimeP50Ms(), now.decodeTimeP99Ms(), now.framesDroppedByRenderer()),
                String.format(Locale.ROOT, "lost %d packets, %d frames; FEC repaired %d frames; %d key frames asked",
                        stream.videoPacketsLost(), stream.framesLost(), stream.framesRecoveredByFec(),
                        stream.idrRequests()),
                "Ctrl+Alt+Shift+S hides this");
    }
}
