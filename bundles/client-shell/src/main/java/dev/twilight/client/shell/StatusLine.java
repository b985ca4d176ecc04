package dev.twilight.client.shell;

import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.StreamStatistics;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live statistics while streaming, like Moonlight's overlay: rewritten in place on a terminal, one line per
 * second otherwise (a log, a test reading the output).
 */
final class StatusLine {

    private final boolean terminal;
    private boolean pending;

    StatusLine(boolean terminal) {
        this.terminal = terminal;
    }

    void print(PrintStream out, double elapsedSeconds, PlaybackStatistics before, PlaybackStatistics now,
               double intervalSeconds) {
        StreamStatistics stream = now.stream();
        String line = String.format(Locale.ROOT, "%6.1f s  %5.1f fps received, %5.1f decoded, %5.1f rendered"
                        + "  %6.2f Mbps  rtt %d ms  host %.1f ms  decode %.1f ms  lost %d packets, %d frames"
                        + "  FEC %d frames",
                elapsedSeconds,
                (stream.framesComplete() - before.stream().framesComplete()) / intervalSeconds,
                (now.framesDecoded() - before.framesDecoded()) / intervalSeconds,
                (now.framesRendered() - before.framesRendered()) / intervalSeconds,
                (stream.bytesReceived() - before.stream().bytesReceived()) * 8 / intervalSeconds / 1e6,
                stream.controlRoundTripMs(), stream.hostLatencyP50Ms(), now.decodeTimeP50Ms(),
                stream.videoPacketsLost(), stream.framesLost(), stream.framesRecoveredByFec());
        if (terminal) {
            out.print("\r" + line);
            pending = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends a line left open on a terminal. */
    void finish(PrintStream out) {
        if (pending) {
            out.println();
            pending = false;
        }
    }
}
