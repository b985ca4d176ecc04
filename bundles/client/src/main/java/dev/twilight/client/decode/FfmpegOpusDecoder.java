package dev.twilight.client.decode;

import dev.twilight.api.decode.AudioDecoder;
import dev.twilight.api.decode.AudioDecoderSession;
import dev.twilight.api.decode.DecoderException;
import org.osgi.service.component.annotations.Component;

/** Opus through FFmpeg's libopus wrapper: the stream audio of GameStream hosts, mono or stereo. */
@Component(service = AudioDecoder.class)
public class FfmpegOpusDecoder implements AudioDecoder {

    @Override
    public String name() {
        return "libopus";
    }

    @Override
    public AudioDecoderSession open(int channels) throws DecoderException {
        if (channels != 1 && channels != 2) {
            throw new DecoderException(channels + "-channel Opus needs the host's multistream layout, which this "
                    + "decoder does not take yet: ask for stereo");
        }
        return new OpusDecoderSession(channels);
    }
}
