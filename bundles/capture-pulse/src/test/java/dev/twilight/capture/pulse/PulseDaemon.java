package dev.twilight.capture.pulse;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PulseAudio daemon of the test's own: no configuration script ({@code -n}), anonymous clients on a socket in
 * the test's folder, and null sinks at 48 kHz (their monitors are what the source records). It runs as any
 * user, root included (pulseaudio only warns), with {@code HOME} and {@code XDG_RUNTIME_DIR} in the folder, so it
 * never meets the machine's own sound server.
 */
final class PulseDaemon implements AutoCloseable {

    /** The sinks every daemon has, in their own channel orders (ALSA's for surround, unlike GameStream's). */
    static final Sink STEREO = new Sink("stereo", "front-left,front-right");
    static final Sink SURROUND_51 = new Sink("surround51", "front-left,front-right,rear-left,rear-right,"
            + "front-center,lfe");
    static final Sink SURROUND_71 = new Sink("surround71", "front-left,front-right,rear-left,rear-right,"
            + "front-center,lfe,side-left,side-right");

    private static final long START_WAIT_MS = 10_000;
    private static final String INSTALL = "the PulseAudio tests need pulseaudio and pulseaudio-utils: "
            + "apt-get install pulseaudio pulseaudio-utils";

    private final Process process;
    private final Path folder;
    private final Path socket;
    private final List<Process> players = new ArrayList<>();

    /** @param positions the sink's channels, in its order, as PulseAudio names them */
    record Sink(String name, String positions) {
        int channels() {
            return positions.split(",").length;
        }

        String monitor() {
            return name + ".monitor";
        }
    }

    private PulseDaemon(Process process, Path folder, Path socket) {
        this.process = process;
        this.folder = folder;
        this.socket = socket;
    }

    /** Starts a daemon in {@code folder} with the sinks above; {@link #STEREO} is the default sink. */
    static PulseDaemon start(Path folder) throws IOException, InterruptedException {
        Path home = Files.createDirectories(folder.resolve("home"));
        Path runtime = Files.createDirectories(folder.resolve("runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path socket = folder.resolve("native");
        List<String> command = new ArrayList<>(List.of(binary("pulseaudio").toString(), "-n", "--daemonize=no",
                "--use-pid-file=no", "--exit-idle-time=-1", "--disallow-exit", "--log-target=stderr",
                "-L", "module-native-protocol-unix auth-anonymous=1 socket=" + socket));
        for (Sink sink : List.of(STEREO, SURROUND_51, SURROUND_71)) {
            command.addAll(List.of("-L", "module-null-sink rate=48000 sink_name=" + sink.name() + " channels="
                    + sink.channels() + " channel_map=" + sink.positions()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("pulseaudio.log").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        PulseDaemon daemon = new PulseDaemon(builder.start(), folder, socket);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MS);
        while (daemon.process.isAlive() && new PulseServer(daemon.server(), socket).problem().isPresent()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!daemon.process.isAlive() || new PulseServer(daemon.server(), socket).problem().isPresent()) {
            daemon.close();
            throw new IllegalStateException("pulseaudio did not start within " + START_WAIT_MS + " ms: "
                    + Files.readString(folder.resolve("pulseaudio.log")));
        }
        daemon.pactl("set-default-sink", STEREO.name());
        return daemon;
    }

    /** The server address, for the source's {@code server} setting. */
    String server() {
        return "unix:" + socket;
    }

    /**
     * Plays a tone per channel into the sink, continuously until the daemon closes.
     *
     * @param frequencies one per channel of the sink, in its order; 0 leaves the channel silent
     */
    void play(Sink sink, int... frequencies) throws IOException {
        Process player = new ProcessBuilder(binary("pacat").toString(), "--playback", "--server=" + server(),
                "--device=" + sink.name(), "--raw", "--format=s16le", "--rate=" + Tones.SAMPLE_RATE,
                "--channels=" + sink.channels(), "--channel-map=" + sink.positions(), "--latency-msec=20")
                .redirectErrorStream(true).redirectOutput(folder.resolve("pacat-" + players.size() + ".log").toFile())
                .start();
        players.add(player);
        Thread writer = new Thread(() -> {
            int block = Tones.SAMPLE_RATE / 10;
            try (OutputStream pcm = player.getOutputStream()) {
                for (long sample = 0; ; sample += block) {
                    pcm.write(Tones.interleaved(frequencies, sample, block));
                }
            } catch (IOException e) {
                // pacat was stopped
            }
        }, "test-pacat-" + sink.name());
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs pactl against this daemon; fails the test when pactl does. */
    void pactl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary("pactl").toString(), "--server=" + server()));
        command.addAll(List.of(arguments));
        Process pactl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pactl.getInputStream().readAllBytes());
        if (!pactl.waitFor(10, TimeUnit.SECONDS) || pactl.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    /** Kills the daemon at once, as a crashing sound server goes. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process player : players) {
            player.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static Path binary(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, name)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(INSTALL + " (" + name + " is not on the PATH)"));
    }
}
