package dev.twilight.testing.xvfb;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A virtual X server of the test's own, on the first free display number from 90. */
public final class Xvfb implements AutoCloseable {

    private static final int FIRST_DISPLAY = 90;
    private static final int DISPLAYS_TRIED = 40;
    private static final long START_WAIT_MS = 10_000;

    private final Process process;
    private final int number;

    private Xvfb(Process process, int number) {
        this.process = process;
        this.number = number;
    }

    /** The DISPLAY value that reaches it. */
    public String display() {
        return ":" + number;
    }

    public static Xvfb start(int width, int height, Path log) throws IOException, InterruptedException {
        String binary = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "Xvfb")).filter(Files::isExecutable).findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("this test needs Xvfb: apt-get install xvfb"));
        for (int number = FIRST_DISPLAY; number < FIRST_DISPLAY + DISPLAYS_TRIED; number++) {
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            if (Files.exists(Path.of("/tmp/.X" + number + "-lock")) || Files.exists(socket)) {
                continue;
            }
            Process process = new ProcessBuilder(binary, ":" + number, "-nolisten", "tcp", "-screen", "0",
                    width + "x" + height + "x24").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MS);
            while (process.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (process.isAlive() && Files.exists(socket)) {
                return new Xvfb(process, number);
            }
            // taken by another server meanwhile, or too slow: give this number up
            stop(process);
        }
        throw new IllegalStateException("Xvfb did not start on any display from :" + FIRST_DISPLAY + " to :"
                + (FIRST_DISPLAY + DISPLAYS_TRIED - 1) + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
