package dev.twilight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Glass to glass without the display, as users run Twilight: {@code ./twilight host} and {@code ./twilight client
 * stream} as two processes on loopback, the host on its embedded default (synthetic test pattern, x264). The
 * client reads each decoded picture's stamp and compares its capture time with its own clock (one machine, one
 * clock); the figures come from its {@code --stats-json} report.
 */
public final class GlassToGlassBenchmark {

    private static final int[][] RUNS = {{1280, 720, 10_000}, {1920, 1080, 20_000}};
    private static final Pattern HTTP_PORT = Pattern.compile("gamestream:\\s+HTTP (\\d+)");
    private static final Pattern PIN = Pattern.compile("^PIN (\\d{4})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GlassToGlassBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path output = Path.of(args.length > 1 ? args[1] : "glass-to-glass.md");
        Path root = Path.of(args.length > 2 ? args[2] : "..").toRealPath();
        Path work = Files.createTempDirectory("twilight-glass");
        Path hostState = Files.createDirectories(work.resolve("host-state"));
        Path clientState = Files.createDirectories(work.resolve("client-state"));
        List<String> lines = new ArrayList<>();
        lines.add("| 60 fps x264, two processes on loopback | frames decoded | capture to decoded ms p50 | p99 "
                + "| host processing ms p50 | p99 | decode ms p50 | p99 | frames lost |");
        lines.add("|---|---|---|---|---|---|---|---|---|");
        try {
            measure(root, work, hostState, clientState, seconds, lines);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        lines.forEach(System.out::println);
        Files.write(output, lines);
        System.out.println("written to " + output);
    }

    private static void measure(Path root, Path work, Path hostState, Path clientState, int seconds,
                                List<String> lines) throws Exception {
        try (Command host = new Command(List.of(root.resolve("twilight").toString(), "host", "--config",
                hostConfig(root, work).toString(), "--state", hostState.toString(), "--admin-port", "0"))) {
            String address = "127.0.0.1:" + host.await(HTTP_PORT, 120).group(1);
            try (Command pair = client(root, clientState, "pair", address)) {
                String pin = pair.await(PIN, 60).group(1);
                try (Command enter = new Command(List.of(root.resolve("twilight").toString(), "pin", pin,
                        "--state", hostState.toString()))) {
                    enter.exit(60);
                }
                pair.exit(60);
            }
            for (int[] run : RUNS) {
                Path stats = work.resolve(run[0] + "x" + run[1] + ".json");
                try (Command stream = client(root, clientState, "stream", address, "Desktop", "--resolution",
                        run[0] + "x" + run[1], "--fps", "60", "--bitrate", Integer.toString(run[2]), "--seconds",
                        Integer.toString(seconds), "--stats-json", stats.toString())) {
                    stream.exit(seconds + 60L);
                }
                lines.add(row(run, JSON.readTree(stats.toFile())));
            }
            try (Command quit = client(root, clientState, "quit", address)) {
                quit.exit(60);
            }
        }
    }

    private static String row(int[] run, JsonNode report) {
        JsonNode playback = report.get("statistics");
        JsonNode stream = playback.get("stream");
        return String.format(Locale.ROOT, "| %dx%d, %d kbit/s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d |",
                run[0], run[1], run[2], playback.get("framesDecoded").asLong(),
                playback.get("captureToDecodedP50Ms").asDouble(), playback.get("captureToDecodedP99Ms").asDouble(),
                stream.get("hostLatencyP50Ms").asDouble(), stream.get("hostLatencyP99Ms").asDouble(),
                playback.get("decodeTimeP50Ms").asDouble(), playback.get("decodeTimeP99Ms").asDouble(),
                stream.get("framesLost").asLong());
    }

    /** The shipped host configuration, listening on loopback ports the system picks, without mDNS. */
    private static Path hostConfig(Path root, Path work) throws IOException {
        Path config = Files.createDirectories(work.resolve("host-config"));
        try (Stream<Path> files = Files.list(root.resolve("config/host"))) {
            for (Path file : files.toList()) {
                Files.copy(file, config.resolve(file.getFileName()));
            }
        }
        Files.writeString(config.resolve("dev.twilight.gamestream.nvhttp.config"),
                "port=I\"0\"\nbind.address=\"127.0.0.1\"\n");
        Files.writeString(config.resolve("dev.twilight.gamestream.mdns.config"), "enabled=B\"false\"\n");
        Files.writeString(config.resolve("dev.twilight.gamestream.rtsp.config"), "port=I\"0\"\n");
        return config;
    }

    private static Command client(Path root, Path state, String... verb) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("twilight").toString(), "client", "--state",
                state.toString()));
        command.addAll(List.of(verb));
        return new Command(command);
    }

    /** A process whose output (stdout and stderr) is collected line by line; closing it ends it. */
    private static final class Command implements AutoCloseable {

        private final Process process;
        private final List<String> output = new CopyOnWriteArrayList<>();

        Command(List<String> command) throws IOException {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    lines.lines().forEach(output::add);
                } catch (IOException e) {
                    output.add("read failed: " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        Matcher await(Pattern pattern, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline && process.isAlive()) {
                for (String line : output) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("no line matching " + pattern + " within " + seconds + " s: " + output);
        }

        void exit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("command failed: " + output);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
