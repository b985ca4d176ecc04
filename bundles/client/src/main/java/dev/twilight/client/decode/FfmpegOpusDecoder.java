package dev.twilight.client.decode;

import dev.twilight.api.decode.AudioDecoder;
import dev.twilight.api.decode.AudioDecoderSession;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.OpusStreams;
import org.osgi.service.component.annotations.Component;

/** Opus through FFmpeg's libopus wrapper: the stream audio of GameStream hosts, stereo or multistream surround. */
@Component(service = AudioDecoder.class)
public class FfmpegOpusDecoder implements AudioDecoder {

    @Override
    public String name() {
        return "libopus";
    }

    @Override
    public AudioDecoderSession open(OpusStreams layout) throws DecoderException {
        return new OpusDecoderSession(layout);
    }
}
