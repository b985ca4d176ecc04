package dev.twilight.client.shell;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.HostInfo;
import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.Playback;
import dev.twilight.api.client.PlaybackOutputs;
import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.api.client.StreamPlayer;
import dev.twilight.api.client.StreamSettings;
import dev.twilight.api.media.VideoCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code stream HOST APP}: launches the app, or resumes it when the host already runs it, plays the stream with a
 * status line every second, and on the end (the time given, the host's termination, or Ctrl+C) leaves the app
 * running unless {@code --quit-after} says otherwise: the next {@code stream} of the same app resumes it.
 */
final class StreamVerb {

    static final Set<String> VALUE_OPTIONS = Set.of("--resolution", "--fps", "--bitrate", "--codec", "--packet-size",
            "--audio", "--seconds", "--stats-json", "--simulate-loss", "--record");
    static final Set<String> FLAGS = Set.of("--quit-after", "--window", "--headless");
    static final String USAGE = String.join(System.lineSeparator(),
            "  stream HOST APP [--resolution 1280x720] [--fps 60] [--bitrate KBPS] [--codec h264|hevc|av1]",
            "         [--packet-size 1392] [--audio stereo|5.1|7.1] [--seconds N] [--stats-json FILE] [--quit-after]",
            "         [--simulate-loss PERCENT] [--window|--headless] [--record FILE.mkv]",
            "                                  stream an app (by name or id); --seconds 0 streams until Ctrl+C or",
            "                                  the window closes; the app keeps running afterwards unless --quit-after.",
            "                                  A window shows the stream when there is a display (--window: must,",
            "                                  --headless: never); Ctrl+Alt+Shift+S in it shows statistics.",
            "                                  --record writes the video as received into a Matroska file");
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);

    private final GameStreamClient client;
    private final StreamPlayer player;
    private final StatusLine status;
    private final Set<Playback> playing;

    /** @param playing where the running playback is kept while it plays, for the component to stop on shutdown */
    StreamVerb(GameStreamClient client, StreamPlayer player, StatusLine status, Set<Playback> playing) {
        this.client = client;
        this.player = player;
        this.status = status;
        this.playing = playing;
    }

    /** What the command line asked for. */
    record Request(HostAddress host, String app, StreamSettings settings, PlaybackOutputs outputs, int seconds,
                   Optional<Path> statsJson, boolean quitAfter) {

        static Request parse(VerbArguments arguments) throws UsageException {
            HostAddress host = HostArgument.parse(arguments.positional(0, "a HOST"));
            String app = arguments.positional(1, "an APP (a name from './twilight client list HOST', or its id)");
            arguments.expectPositionals(2);
            int[] size = resolution(arguments.option("--resolution").orElse("1280x720"));
            int fps = arguments.intOption("--fps", 60, 1, 240);
            // Moonlight's default: about 10 Mbps at 720p60, scaled with pixels and frame rate
            int defaultBitrate = (int) Math.min(150_000, Math.max(2_000,
                    10_000L * size[0] * size[1] / (1280 * 720) * fps / 60));
            int bitrate = arguments.intOption("--bitrate", defaultBitrate, 500, 500_000);
            VideoCodec codec;
            try {
                codec = VideoCodec.parse(arguments.option("--codec").orElse("h264"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("stream: " + e.getMessage());
            }
            int packetSize = arguments.intOption("--packet-size", StreamSettings.DEFAULT_PACKET_SIZE, 256,
                    StreamSettings.DEFAULT_PACKET_SIZE);
            int channels = switch (arguments.option("--audio").orElse("stereo").toLowerCase(Locale.ROOT)) {
                case "stereo", "2" -> 2;
                case "5.1", "6" -> 6;
                case "7.1", "8" -> 8;
                default -> throw new UsageException("stream: --audio is stereo, 5.1 or 7.1");
            };
            int loss = arguments.intOption("--simulate-loss", 0, 0, 50);
            StreamSettings settings;
            try {
                settings = new StreamSettings(size[0], size[1], fps, bitrate, codec, packetSize, channels, 5, loss);
            } catch (IllegalArgumentException e) {
                throw new UsageException("stream: " + e.getMessage());
            }
            if (arguments.flag("--window") && arguments.flag("--headless")) {
                throw new UsageException("stream: --window and --headless exclude each other");
            }
            PlaybackOutputs.Window window = arguments.flag("--window") ? PlaybackOutputs.Window.REQUIRED
                    : arguments.flag("--headless") ? PlaybackOutputs.Window.NONE : PlaybackOutputs.Window.IF_DISPLAY;
            PlaybackOutputs outputs = new PlaybackOutputs(window, arguments.option("--record").map(Path::of));
            return new Request(host, app, settings, outputs, arguments.intOption("--seconds", 0, 0, 86_400),
                    arguments.option("--stats-json").map(Path::of), arguments.flag("--quit-after"));
        }

        private static int[] resolution(String text) throws UsageException {
            String[] parts = text.toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException("stream: --resolution is WIDTHxHEIGHT, e.g. 1920x1080, not '" + text + "'");
        }
    }

    /** @return the exit code: 0 when the stream ran and ended normally, 1 otherwise */
    int run(Request request, PrintStream out, PrintStream err) throws ClientException, InterruptedException {
        HostInfo info = client.serverInfo(request.host());
        String where = HostArgument.display(request.host());
        if (!info.paired()) {
            err.println("twilight: not paired with " + info.hostname() + " (" + where + "); run './twilight client "
                    + "pair " + where + "' first");
            return ClientCommandLine.FAILED;
        }
        List<HostApp> apps = client.appList(request.host());
        Optional<HostApp> app = apps.stream().filter(candidate -> candidate.title().equalsIgnoreCase(request.app())
                || Integer.toString(candidate.id()).equals(request.app())).findFirst();
        if (app.isEmpty()) {
            err.println("twilight: " + info.hostname() + " has no app '" + request.app() + "'; it offers: "
                    + apps.stream().map(HostApp::title).collect(Collectors.joining(", ")));
            return ClientCommandLine.FAILED;
        }
        VideoCodec codec = request.settings().codec();
        // H.264 is always there (hosts set its bit, clients assume it); the others only when the host says so
        if (codec != VideoCodec.H264 && (info.codecModeSupport() & codec.serverCodecModeFlag()) == 0) {
            err.println("twilight: " + info.hostname() + " does not stream " + codec.displayName() + "; ask for "
                    + "--codec h264" + ((info.codecModeSupport() & VideoCodec.HEVC.serverCodecModeFlag()) != 0
                    ? " or --codec hevc" : ""));
            return ClientCommandLine.FAILED;
        }
        boolean resume = info.busy() && info.currentGame() == app.get().id();
        if (info.busy() && info.currentGame() != 0 && !resume) {
            err.println("twilight: " + info.hostname() + " runs another app (id " + info.currentGame() + "); quit it "
                    + "first with './twilight client quit " + where + "'");
            return ClientCommandLine.FAILED;
        }
        StreamSettings settings = request.settings();
        LaunchRequest launch = new LaunchRequest(app.get().id(), settings.width(), settings.height(), settings.fps(),
                false, LaunchRequest.surroundAudioInfo(settings.audioChannels()), false);
        LaunchResult launched = resume ? client.resume(request.host(), launch) : client.launch(request.host(), launch);
        out.println((resume ? "Resuming '" : "Launched '") + app.get().title() + "' on " + info.hostname() + ": "
                + settings.width() + "x" + settings.height() + " at " + settings.fps() + " fps, "
                + settings.codec().displayName() + ", " + settings.bitrateKbps() + " kbps"
                + (settings.simulatedLossPercent() > 0 ? ", dropping " + settings.simulatedLossPercent()
                + " % of datagrams on purpose" : ""));
        long started = System.nanoTime();
        Playback playback = player.play(request.host(), launched, settings, request.outputs());
        playing.add(playback);
        StreamEnd end;
        try {
            end = play(playback, request.seconds(), started, out);
        } catch (InterruptedException e) {
            playback.stop();
            throw e;
        } finally {
            playing.remove(playback);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        PlaybackStatistics statistics = playback.statistics();
        out.println(Summary.of(end, statistics, seconds));
        if (request.statsJson().isPresent()) {
            try {
                StatsReport.write(request.statsJson().get(), new StatsReport(where, app.get().title(),
                        app.get().id(), resume, settings, seconds, end, statistics));
            } catch (IOException e) {
                err.println("twilight: cannot write " + request.statsJson().get() + ": " + e.getMessage());
                return ClientCommandLine.FAILED;
            }
        }
        if (request.quitAfter()) {
            client.cancel(request.host());
            out.println("Quit '" + app.get().title() + "' on " + info.hostname());
        } else if (end.reason() != StreamEnd.Reason.HOST_ENDED) {
            out.println("'" + app.get().title() + "' keeps running on " + info.hostname() + ": stream it again to "
                    + "resume, or './twilight client quit " + where + "'");
        }
        return end.reason() == StreamEnd.Reason.CONNECTION_LOST ? ClientCommandLine.FAILED : ClientCommandLine.OK;
    }

    /** Plays until the time is up or the stream ends, printing a status line every second. */
    private StreamEnd play(Playback playback, int seconds, long startedNanos, PrintStream out)
            throws InterruptedException {
        long deadline = seconds == 0 ? Long.MAX_VALUE : startedNanos + TimeUnit.SECONDS.toNanos(seconds);
        PlaybackStatistics previous = playback.statistics();
        long previousNanos = System.nanoTime();
        try {
            while (System.nanoTime() < deadline) {
                long wait = Math.min(STATUS_INTERVAL.toNanos(), deadline - System.nanoTime());
                Optional<StreamEnd> end = playback.awaitEnd(Duration.ofNanos(Math.max(wait, 0)));
                if (end.isPresent()) {
                    status.finish(out);
                    return end.get();
                }
                PlaybackStatistics now = playback.statistics();
                long nowNanos = System.nanoTime();
                status.print(out, (nowNanos - startedNanos) / 1e9, previous, now, (nowNanos - previousNanos) / 1e9);
                previous = now;
                previousNanos = nowNanos;
            }
        } finally {
            status.finish(out);
        }
        return playback.stop();
    }
}
