package dev.twilight.client.play;

import dev.twilight.api.client.Playback;
import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.ReceivedAudio;
import dev.twilight.api.client.ReceivedFrame;
import dev.twilight.api.client.StreamConnection;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.api.client.StreamReceiver;
import dev.twilight.api.decode.AudioDecoder;
import dev.twilight.api.decode.AudioDecoderSession;
import dev.twilight.api.decode.DecodedFrame;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.decode.OpusStreams;
import dev.twilight.api.input.InputEvent;
import dev.twilight.client.sink.FrameSink;
import dev.twilight.client.sink.PictureSink;
import dev.twilight.client.stats.Percentiles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes what a connection receives. Video is decoded on a thread of its own behind a queue, so that a slow
 * decode (a busy machine, a key frame) never stops the receiving thread from draining its socket: frames wait
 * here rather than in the socket buffer, where they would be lost. If decoding falls {@value #MAX_PENDING_FRAMES}
 * frames behind, the waiting frames are dropped, a key frame is requested and frames are skipped until it comes.
 * Audio is decoded on the connection's audio thread (far under a millisecond a packet). A frame the decoder
 * rejects costs an IDR request. Each received frame goes to the recording, if any, before it is decoded; the
 * decoder hands its pictures to the window, if any, itself. The decoders and sinks are closed once the connection
 * reports its end and the decoding thread has finished.
 */
final class DecodingPlayback implements Playback, StreamReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(DecodingPlayback.class);
    /** Four seconds at 60 fps: far more than a healthy decoder ever lags. */
    static final int MAX_PENDING_FRAMES = 240;
    private static final long DECODER_STOP_MS = 2000;

    private final DecoderSession video;
    private final AudioDecoder audioDecoder;
    /** Opened once the connection says how the host packs the channels, before the first packet. */
    private volatile AudioDecoderSession audio;
    private final CompletableFuture<StreamEnd> end = new CompletableFuture<>();
    private final Percentiles decodeTime = new Percentiles();
    private final Percentiles captureToDecoded = new Percentiles();
    private final StampSequence stamps = new StampSequence();
    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong framesDroppedBehind = new AtomicLong();
    private final BlockingQueue<ReceivedFrame> pending = new ArrayBlockingQueue<>(MAX_PENDING_FRAMES);
    private final Thread decoder;
    /** Written by the receiving thread only: after an overflow, frames are dropped until a key frame. */
    private boolean awaitingKeyFrame;
    private volatile boolean ending;
    private final AtomicLong unstampedFrames = new AtomicLong();
    private final AtomicLong audioPackets = new AtomicLong();
    private final AtomicLong audioSamples = new AtomicLong();
    private final AtomicLong audioErrors = new AtomicLong();
    private final AtomicInteger audioPeak = new AtomicInteger();
    private final Optional<PictureSink> display;
    private final Optional<FrameSink> recording;
    private volatile StreamConnection connection;

    /**
     * @param display   where the decoder's pictures go, if anywhere (the caller connected them): counted here
     * @param recording what takes the received frames, if anything
     */
    DecodingPlayback(DecoderSession video, AudioDecoder audioDecoder, Optional<PictureSink> display,
                     Optional<FrameSink> recording) {
        this.video = video;
        this.audioDecoder = audioDecoder;
        this.display = display;
        this.recording = recording;
        this.decoder = new Thread(this::decodeUntilEnded, "twilight-stream-decode");
        decoder.setDaemon(true);
        decoder.start();
    }

    /**
     * The connection this playback receives from, known once {@code connect} returned; a frame that fails to
     * decode before then asks for no IDR (the stream's first frames are key frames anyway).
     */
    void connected(StreamConnection receiving) {
        this.connection = receiving;
    }

    @Override
    public void videoFrame(ReceivedFrame frame) {
        if (awaitingKeyFrame && !frame.keyFrame()) {
            framesDroppedBehind.incrementAndGet();
            return;
        }
        awaitingKeyFrame = false;
        if (!pending.offer(frame)) {
            int dropped = pending.size() + 1;
            pending.clear();
            framesDroppedBehind.addAndGet(dropped);
            awaitingKeyFrame = true;
            LOG.warn("Decoding fell {} frames behind: dropped them and asked for a key frame", dropped);
            requestIdr();
        }
    }

    private void decodeUntilEnded() {
        try {
            while (!ending || !pending.isEmpty()) {
                ReceivedFrame frame = pending.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    decode(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void decode(ReceivedFrame frame) {
        recording.ifPresent(sink -> sink.write(frame));
        long start = System.nanoTime();
        List<DecodedFrame> pictures;
        try {
            pictures = video.decode(frame.accessUnit());
        } catch (DecoderException e) {
            decodeErrors.incrementAndGet();
            LOG.debug("Frame {} did not decode: {}", frame.frameIndex(), e.getMessage());
            requestIdr();
            return;
        }
        for (DecodedFrame picture : pictures) {
            decodeTime.recordNanos(picture.decodedNanos() - start);
            framesDecoded.incrementAndGet();
            picture.stamp().ifPresentOrElse(stamp -> {
                stamps.record(stamp.frameNumber());
                // wall clocks, as the stamp carries the capture's: a picture taken on another machine is compared
                // with this one's clock
                captureToDecoded.recordTenthsOfMs((epochMicros() - stamp.captureEpochMicros()) / 100);
            }, unstampedFrames::incrementAndGet);
        }
    }

    private void requestIdr() {
        StreamConnection current = connection;
        if (current != null) {
            current.requestIdr();
        }
    }

    @Override
    public void audioLayout(OpusStreams layout) {
        try {
            audio = audioDecoder.open(layout);
        } catch (DecoderException e) {
            LOG.warn("No sound: the {} decoder does not take {}: {}", audioDecoder.name(), layout, e.getMessage());
        }
    }

    @Override
    public void audioPacket(ReceivedAudio packet) {
        AudioDecoderSession session = audio;
        if (session == null) {
            audioErrors.incrementAndGet();
            return;
        }
        short[] pcm;
        try {
            pcm = session.decode(packet.opus());
        } catch (DecoderException e) {
            audioErrors.incrementAndGet();
            return;
        }
        audioPackets.incrementAndGet();
        audioSamples.addAndGet(pcm.length / session.channels());
        audioPeak.accumulateAndGet(peakOf(pcm), Math::max);
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static int peakOf(short[] pcm) {
        int peak = 0;
        for (short sample : pcm) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }

    @Override
    public void ended(StreamEnd streamEnd) {
        // what was received is still decoded (bounded), then nothing can use the decoder any more
        ending = true;
        try {
            decoder.join(DECODER_STOP_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (decoder.isAlive()) {
            decoder.interrupt();
            LOG.warn("Decoding did not finish within {} ms of the stream's end; {} frames left undecoded",
                    DECODER_STOP_MS, pending.size());
            pending.clear();
            try {
                decoder.join(DECODER_STOP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        video.close();
        AudioDecoderSession session = audio;
        if (session != null) {
            session.close();
        }
        display.ifPresent(PictureSink::close);
        recording.ifPresent(FrameSink::close);
        end.complete(streamEnd);
    }

    @Override
    public PlaybackStatistics statistics() {
        return new PlaybackStatistics(framesDecoded.get(), decodeErrors.get(), framesDroppedBehind.get(),
                decodeTime.millis(0.5),
                decodeTime.millis(0.99), display.map(PictureSink::picturesShown).orElse(0L),
                display.map(PictureSink::picturesDropped).orElse(0L), stamps.count(), unstampedFrames.get(),
                stamps.first(), stamps.last(), stamps.outOfOrder(), stamps.gaps(), captureToDecoded.millis(0.5),
                captureToDecoded.millis(0.99), audioPackets.get(), audioSamples.get(), audioErrors.get(),
                audioPeak.get(), connection.statistics());
    }

    @Override
    public void send(InputEvent event) {
        connection.send(event);
    }

    @Override
    public Optional<StreamEnd> awaitEnd(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(end.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the end is never completed exceptionally", e);
        }
    }

    @Override
    public StreamEnd stop() {
        connection.close();
        // close() reports the end before it returns, or the stream had ended already and reports it on its own
        return end.join();
    }
}
