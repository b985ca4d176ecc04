package dev.twilight.capture.pulse;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running capture: a {@code parec} child process records the source in GameStream's channel positions (the
 * sound server up- or down-mixes and reorders from the sink's own layout) and writes raw 16-bit PCM to its
 * output; a reader thread of this capture cuts that into chunks. Anything that ends the capture (close, parec
 * exiting because the server went away, no sound for {@value #SOUND_WAIT_MILLIS} ms) kills parec, so a waiting
 * {@link #nextChunk()} returns at once with the reason.
 */
final class ParecCapture implements AudioCapture {

    /** GameStream's channel order FL FR FC LFE BL BR SL SR, as PulseAudio names the positions. */
    private static final List<String> GAMESTREAM_POSITIONS = List.of("front-left", "front-right", "front-center",
            "lfe", "rear-left", "rear-right", "side-left", "side-right");
    /** The longest wait for sound, at the start (an idle null sink wakes after up to 2 s) and between chunks. */
    private static final long SOUND_WAIT_MILLIS = 5_000;
    /** Sound older than this is dropped when the reader falls behind, so the delay stays bounded. */
    private static final int QUEUE_MILLIS = 100;
    private static final long EXIT_WAIT_MILLIS = 2_000;
    /** Put in the queue to wake a waiting reader once the capture ended. */
    private static final short[] WAKE_UP = new short[0];
    private static final Logger LOG = LoggerFactory.getLogger(ParecCapture.class);

    private final AudioFormat format;
    private final String description;
    private final Process process;
    private final Consumer<ParecCapture> onClose;
    private final BlockingQueue<short[]> chunks;
    private final CountDownLatch firstSound = new CountDownLatch(1);
    private final AtomicReference<String> ended = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;

    private ParecCapture(AudioFormat format, String description, Process process, Consumer<ParecCapture> onClose) {
        this.format = format;
        this.description = description;
        this.process = process;
        this.onClose = onClose;
        this.chunks = new ArrayBlockingQueue<>(Math.max(2, QUEUE_MILLIS / format.frameDurationMs()));
        this.reader = new Thread(this::read, "twilight-pulse-" + process.pid());
        reader.setDaemon(true);
    }

    /**
     * Starts parec and waits until it delivers sound.
     *
     * @param device the source to record: a monitor such as {@code sink.monitor}, or {@code @DEFAULT_MONITOR@}
     * @throws CaptureException when parec cannot start, exits (its message included) or stays silent
     */
    static ParecCapture start(Path parec, PulseServer server, String device, AudioFormat format,
                              Consumer<ParecCapture> onClose) throws CaptureException {
        List<String> command = command(parec, server, device, format);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new CaptureException("cannot run " + parec + ": " + e.getMessage(), e);
        }
        LOG.debug("Started {} (pid {})", command, process.pid());
        ParecCapture capture = new ParecCapture(format, device + " at " + server.address(), process, onClose);
        capture.reader.start();
        capture.awaitFirstSound();
        return capture;
    }

    private static List<String> command(Path parec, PulseServer server, String device, AudioFormat format) {
        return List.of(parec.toString(), "--server=" + server.address(), "--device=" + device, "--raw",
                "--format=s16le", "--rate=" + format.sampleRate(), "--channels=" + format.channels(),
                "--channel-map=" + String.join(",", GAMESTREAM_POSITIONS.subList(0, format.channels())),
                // one fragment per chunk: the server hands sound over as soon as a chunk is complete
                "--latency-msec=" + format.frameDurationMs(),
                "--client-name=Twilight", "--stream-name=GameStream audio");
    }

    @Override
    public AudioFormat format() {
        return format;
    }

    @Override
    public short[] nextChunk() throws CaptureException, InterruptedException {
        short[] chunk = ended.get() == null ? chunks.poll(SOUND_WAIT_MILLIS, MILLISECONDS) : null;
        if (chunk == null) {
            end("no sound from " + description + " for " + SOUND_WAIT_MILLIS + " ms");
        }
        String reason = ended.get();
        if (reason != null) {
            throw new CaptureException(reason);
        }
        return chunk;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            end("the capture from " + description + " was closed");
            try {
                reader.join(EXIT_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            onClose.accept(this);
        }
    }

    private void awaitFirstSound() throws CaptureException {
        try {
            if (!firstSound.await(SOUND_WAIT_MILLIS, MILLISECONDS)) {
                end("no sound from " + description + " within " + SOUND_WAIT_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end("interrupted while waiting for sound from " + description);
        }
        String reason = ended.get();
        if (reason != null) {
            close();
            throw new CaptureException(reason);
        }
    }

    /** The reader thread: chunks from parec's output until it ends. */
    private void read() {
        int chunkBytes = format.samplesPerChunk() * format.channels() * Short.BYTES;
        byte[] bytes = new byte[chunkBytes];
        try (InputStream pcm = process.getInputStream()) {
            while (pcm.readNBytes(bytes, 0, chunkBytes) == chunkBytes) {
                short[] chunk = new short[chunkBytes / Short.BYTES];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(chunk);
                while (!chunks.offer(chunk)) {
                    // the consumer fell behind: the oldest sound goes, so the delay stays bounded
                    chunks.poll();
                }
                firstSound.countDown();
            }
        } catch (IOException e) {
            // the pipe broke: parec died or was killed, which its exit tells
        }
        end(exitReason());
    }

    /** Why parec stopped sending: its exit code and what it printed (the server's error). */
    private String exitReason() {
        try {
            if (!process.waitFor(EXIT_WAIT_MILLIS, MILLISECONDS)) {
                return "parec closed its output but did not exit (capture from " + description + ")";
            }
            String printed = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return "the capture from " + description + " ended: parec exited with code " + process.exitValue()
                    + (printed.isEmpty() ? "" : " (" + String.join("; ", printed.lines().toList()) + ")");
        } catch (IOException e) {
            return "the capture from " + description + " ended: parec exited with code " + process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the capture from " + description + " ended";
        }
    }

    /** Ends the capture once, with the first reason: kills parec and wakes a waiting reader. */
    private void end(String reason) {
        if (ended.compareAndSet(null, reason)) {
            process.destroyForcibly();
            firstSound.countDown();
            // when the queue is full a waiting reader returns anyway
            chunks.offer(WAKE_UP);
        }
    }
}
