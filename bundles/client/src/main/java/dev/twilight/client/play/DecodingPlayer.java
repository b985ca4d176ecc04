package dev.twilight.client.play;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.Playback;
import dev.twilight.api.client.StreamConnector;
import dev.twilight.api.client.StreamPlayer;
import dev.twilight.api.client.StreamSettings;
import dev.twilight.api.decode.AudioDecoder;
import dev.twilight.api.decode.AudioDecoderSession;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.decode.VideoDecoder;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Plays streams with the first {@link VideoDecoder} that takes the codec and the first {@link AudioDecoder}; a
 * later sink (window, file) would take the decoded pictures from the {@link DecodingPlayback}.
 */
@Component(service = StreamPlayer.class)
public class DecodingPlayer implements StreamPlayer {

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
    public Playback play(HostAddress host, LaunchResult launch, StreamSettings settings) throws ClientException {
        VideoDecoder videoDecoder = videoDecoders.stream().filter(decoder -> decoder.codecs().contains(settings.codec()))
                .findFirst().orElseThrow(() -> new ClientException(0, "no video decoder here takes "
                        + settings.codec().displayName()));
        DecoderSession video;
        AudioDecoderSession audio;
        try {
            video = videoDecoder.open(settings.codec());
        } catch (DecoderException e) {
            throw new ClientException("cannot open the " + videoDecoder.name() + " decoder", e);
        }
        try {
            audio = audioDecoders.get(0).open(settings.audioChannels());
        } catch (DecoderException e) {
            video.close();
            throw new ClientException("cannot open the " + audioDecoders.get(0).name() + " decoder: "
                    + e.getMessage(), e);
        }
        DecodingPlayback playback = new DecodingPlayback(video, audio, settings.audioChannels());
        try {
            playback.connected(connector.connect(host, launch, settings, playback));
        } catch (ClientException | RuntimeException e) {
            video.close();
            audio.close();
            throw e;
        }
        return playback;
    }
}
