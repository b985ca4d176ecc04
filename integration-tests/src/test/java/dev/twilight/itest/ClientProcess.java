package dev.twilight.itest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code ./twilight client --state DIR VERB ...} run as a user runs it, in its own JVM: the repository's script
 * against the distribution this build assembled. Output (stdout and stderr together) is collected line by line
 * while it runs.
 */
final class ClientProcess implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ClientProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("read failed: " + e);
            }
        }, "client-output-" + process.pid());
        reader.start();
    }

    static ClientProcess start(Path state, String... verb) throws IOException {
        return start(Map.of(), state, verb);
    }

    /** @param environment variables set for the process besides the test's own (a DISPLAY, say) */
    static ClientProcess start(Map<String, String> environment, Path state, String... verb) throws IOException {
        Path root = Path.of(System.getProperty("twilight.repository.root")).toRealPath();
        List<String> command = new ArrayList<>(List.of(root.resolve("twilight").toString(), "client", "--state",
                state.toString()));
        command.addAll(List.of(verb));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return new ClientProcess(builder.start());
    }

    /** Runs a verb to its end. */
    static ClientProcess run(Path state, String... verb) throws IOException, InterruptedException {
        ClientProcess client = start(state, verb);
        client.exitCode(60);
        return client;
    }

    /** Waits for a line the predicate accepts and returns it. */
    String awaitLine(String what, long seconds, Predicate<String> line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String candidate : output) {
                if (line.test(candidate)) {
                    return candidate;
                }
            }
            if (!process.isAlive() && !reader.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line saying " + what + " within " + seconds + " s: " + output);
    }

    /** Waits for the process to exit (bounded) and returns its exit code. */
    int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("'twilight client' did not finish within " + seconds + " s: " + output);
        }
        reader.join(5000);
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the client vanishes without a word to the host, as a phone that loses its network does. */
    void vanish() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
