package dev.twilight.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code ./twilight host} as a user runs it: it starts, reports ready with its ports, answers
 * {@code ./twilight pin}, stays up, and stops cleanly on Ctrl+C (SIGINT). It runs the repository's own script against the distribution this build assembled.
 */
public class TwilightLauncherIT {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void hostStartsStaysUpAndStopsCleanlyOnCtrlC() throws Exception {
        Path root = Path.of(System.getProperty("twilight.repository.root")).toRealPath();
        Path config = folder.newFolder("config").toPath();
        try (java.util.stream.Stream<Path> files = Files.list(root.resolve("config/host"))) {
            for (Path file : files.toList()) {
                Files.copy(file, config.resolve(file.getFileName()));
            }
        }
        // the shipped defaults listen on every interface and advertise over mDNS: a test does neither
        Files.writeString(config.resolve("dev.twilight.gamestream.nvhttp.config"),
                "port=I\"0\"\nbind.address=\"127.0.0.1\"\n");
        Files.writeString(config.resolve("dev.twilight.gamestream.mdns.config"), "enabled=B\"false\"\n");
        Files.writeString(config.resolve("dev.twilight.gamestream.rtsp.config"), "port=I\"0\"\n");
        // perl restores the default SIGINT disposition: a shell started in the background ignores SIGINT, and
        // the JVM keeps a signal ignored that it inherited ignored
        Path state = folder.newFolder("state").toPath();
        ProcessBuilder builder = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                root.resolve("twilight").toString(), "host", "--config", config.toString(),
                "--state", state.toString(), "--admin-port", "0")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("read failed: " + e);
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // the "shell:" line is the last of what the ready host prints: the lines checked below came before it
            while (output.stream().noneMatch(line -> line.trim().startsWith("shell:"))) {
                assertTrue("host did not report ready within 60 s: " + output, System.nanoTime() < deadline);
                assertTrue("host exited early: " + output, process.isAlive());
                Thread.sleep(50);
            }
            assertTrue(output.toString(), output.stream().anyMatch(line -> line.contains("encoders:")
                    && line.contains("x264")));
            assertTrue(output.toString(), output.stream().anyMatch(line -> line.contains("capture sources:")
                    && line.contains("synthetic")));
            assertTrue(output.toString(), output.stream().anyMatch(line -> line.contains("gamestream:")
                    && line.matches(".*HTTP \\d+, HTTPS \\d+.*")));
            assertTrue(output.toString(), output.stream().anyMatch(line -> line.contains("admin API:")
                    && line.contains("http://127.0.0.1:")));

            // the launcher's pin command reaches the running host's admin API; nobody is pairing, so it is refused
            Process pin = new ProcessBuilder(root.resolve("twilight").toString(), "pin", "1234", "--state",
                    state.toString()).redirectErrorStream(true).start();
            String pinOutput = new String(pin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("pin command finishes", pin.waitFor(30, TimeUnit.SECONDS));
            assertEquals(pinOutput, 1, pin.exitValue());
            assertTrue(pinOutput, pinOutput.contains("no client is waiting to pair"));

            Thread.sleep(3000);
            assertTrue("host stays up: " + output, process.isAlive());

            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            assertTrue("host stops within 20 s of Ctrl+C: " + output, process.waitFor(20, TimeUnit.SECONDS));
            reader.join(5000);
            assertEquals("exit status of a SIGINT-terminated JVM: " + output, 130, process.exitValue());
            assertTrue(output.toString(), output.get(output.size() - 1).contains("Twilight host stopped"));
            assertTrue("no exception on the way down: " + output,
                    output.stream().noneMatch(line -> line.contains("Exception")));
        } finally {
            process.destroyForcibly();
        }
    }
}
