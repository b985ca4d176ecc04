package dev.twilight.client.play;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.Playback;
import dev.twilight.api.client.PlaybackOutputs;
import dev.twilight.api.client.StreamConnector;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.api.client.StreamPlayer;
import dev.twilight.api.client.StreamSettings;
import dev.twilight.api.decode.AudioDecoder;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.decode.VideoDecoder;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.client.record.MatroskaRecorder;
import dev.twilight.client.sink.FrameSink;
import dev.twilight.client.sink.PictureSink;
import dev.twilight.client.window.StreamWindow;
import dev.twilight.media.ffmpeg.FfmpegDecoderSession;
import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays streams with the first {@link VideoDecoder} that takes the codec and opens (hardware ones first, so NVDEC
 * where there is an NVIDIA GPU, else FFmpeg in software) and the first {@link AudioDecoder}, and
 * opens the outputs asked for: a {@link StreamWindow} (fed by the FFmpeg decoder's pictures) and a
 * {@link MatroskaRecorder}.
 */
@Component(service = StreamPlayer.class)
public class DecodingPlayer implements StreamPlayer {

    private static final Logger LOG = LoggerFactory.getLogger(DecodingPlayer.class);
    private static final String DISPLAY_REMEDY = "run it in a desktop session, or with DISPLAY set to a running X "
            + "server and a JDK with X11 support (lib/libawt_xawt.so), or play without a window";

    private final StreamConnector connector;
    private final List<VideoDecoder> videoDecoders;
    private final List<AudioDecoder> audioDecoders;

    @Activate
    public DecodingPlayer(@Reference StreamConnector connector,
                          @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
                                  policyOption = ReferencePolicyOption.GREEDY) List<VideoDecoder> videoDecoders,
                          @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
                                  policyOption = ReferencePolicyOption.GREEDY) List<AudioDecoder> audioDecoders) {
        this.connector = connector;
        this.videoDecoders = List.copyOf(videoDecoders);
        this.audioDecoders = List.copyOf(audioDecoders);
    }

    @Override
    public Playback play(HostAddress host, LaunchResult launch, StreamSettings settings, PlaybackOutputs outputs)
            throws ClientException {
        Optional<FrameSink> recording = outputs.recording().isEmpty() ? Optional.empty() : Optional.of(
                MatroskaRecorder.open(outputs.recording().get(), settings.codec(), settings.width(), settings.height()));
        Map.Entry<VideoDecoder, DecoderSession> decoder = openVideoDecoder(settings.codec());
        DecoderSession video = decoder.getValue();
        Optional<StreamWindow> window;
        try {
            window = window(outputs.window(), video, decoder.getKey().name(), host, settings);
        } catch (ClientException | RuntimeException e) {
            video.close();
            throw e;
        }
        DecodingPlayback playback = new DecodingPlayback(video, audioDecoders.get(0),
                window.map(PictureSink.class::cast), recording);
        try {
            playback.connected(connector.connect(host, launch, settings, playback));
        } catch (ClientException | RuntimeException e) {
            playback.ended(new StreamEnd(StreamEnd.Reason.CLOSED, 0, "the connection failed: " + e.getMessage()));
            throw e;
        }
        window.ifPresent(opened -> opened.attach(playback));
        return playback;
    }

    /** The first decoder that takes the codec and opens, hardware ones first. */
    private Map.Entry<VideoDecoder, DecoderSession> openVideoDecoder(VideoCodec codec) throws ClientException {
        List<VideoDecoder> candidates = videoDecoders.stream().filter(decoder -> decoder.codecs().contains(codec))
                .sorted(Comparator.comparing(decoder -> !decoder.hardware())).toList();
        List<String> failures = new ArrayList<>();
        for (VideoDecoder decoder : candidates) {
            try {
                DecoderSession session = decoder.open(codec);
                LOG.info("Decoding {} with {}", codec.displayName(), decoder.name());
                return Map.entry(decoder, session);
            } catch (DecoderException e) {
                LOG.warn("The {} decoder did not open ({}); trying the next", decoder.name(), e.getMessage());
                failures.add(decoder.name() + ": " + e.getMessage());
            }
        }
        throw new ClientException(0, candidates.isEmpty() ? "no video decoder here takes " + codec.displayName()
                : "no " + codec.displayName() + " decoder opened: " + String.join("; ", failures));
    }

    /** Opens the window asked for, with the decoder's pictures going to it, or none where none can open. */
    private static Optional<StreamWindow> window(PlaybackOutputs.Window mode, DecoderSession video, String decoderName,
                                                 HostAddress host, StreamSettings settings) throws ClientException {
        if (mode == PlaybackOutputs.Window.NONE) {
            return Optional.empty();
        }
        // the window draws FFmpeg's own pictures, which only the FFmpeg decoder hands on
        if (!(video instanceof FfmpegDecoderSession pictures)) {
            return noWindow(mode, "the " + decoderName + " decoder hands on no pictures to draw");
        }
        if (GraphicsEnvironment.isHeadless()) {
            return noWindow(mode, "there is no display (DISPLAY is not set, or AWT runs headless); "
                    + DISPLAY_REMEDY);
        }
        try {
            StreamWindow window = StreamWindow.open("Twilight: " + host.host(), settings.width(),
                    settings.height());
            pictures.handPicturesTo(window::show);
            return Optional.of(window);
        } catch (HeadlessException | AWTError | UnsatisfiedLinkError e) {
            return noWindow(mode, "no window opens on DISPLAY=" + System.getenv("DISPLAY") + " (" + e + "); "
                    + DISPLAY_REMEDY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(0, "interrupted while the window opened");
        }
    }

    private static Optional<StreamWindow> noWindow(PlaybackOutputs.Window mode, String why) throws ClientException {
        if (mode == PlaybackOutputs.Window.REQUIRED) {
            throw new ClientException(0, "cannot show the stream in a window: " + why);
        }
        LOG.info("Playing without a window: {}", why);
        return Optional.empty();
    }
}
