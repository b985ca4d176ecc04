package dev.twilight.client.decode;

import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.decode.VideoDecoder;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.media.ffmpeg.FfmpegDecoderSession;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NVIDIA's hardware decoder (NVDEC) through FFmpeg's {@code *_cuvid} decoders, which hand pictures back in main
 * memory, so stamps, the window and statistics work as with software decoding. It offers the codecs whose cuvid
 * decoder opened when the component started: none on a machine without an NVIDIA GPU and driver, where players
 * use the software decoder.
 */
// immediate: the probe runs once per start, not each time a user of the service comes and goes
@Component(service = VideoDecoder.class, immediate = true)
public class NvdecVideoDecoder implements VideoDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(NvdecVideoDecoder.class);
    private static final Map<VideoCodec, String> DECODERS = Map.of(VideoCodec.H264, "h264_cuvid",
            VideoCodec.HEVC, "hevc_cuvid", VideoCodec.AV1, "av1_cuvid");

    private final Set<VideoCodec> codecs;

    public NvdecVideoDecoder() {
        Set<VideoCodec> working = EnumSet.noneOf(VideoCodec.class);
        StringBuilder why = new StringBuilder();
        // FFmpeg prints its own complaint for each decoder that cannot load the driver: ask only where it is
        if (!NvidiaDriver.hasVideoDecoding()) {
            why.append("no NVIDIA video decoding library (").append(NvidiaDriver.LIBRARY).append(") on this machine");
        } else {
            for (Map.Entry<VideoCodec, String> decoder : DECODERS.entrySet()) {
                try {
                    FfmpegDecoderSession.open(decoder.getKey(), decoder.getValue()).close();
                    working.add(decoder.getKey());
                } catch (DecoderException e) {
                    why.append(why.length() == 0 ? "" : "; ").append(e.getMessage());
                }
            }
        }
        codecs = Set.copyOf(working);
        if (codecs.isEmpty()) {
            LOG.info("No NVIDIA hardware decoding here ({}): streams are decoded in software", why);
        } else {
            LOG.info("NVIDIA hardware decoding (NVDEC) for {}", codecs);
        }
    }

    @Override
    public String name() {
        return "nvdec";
    }

    @Override
    public Set<VideoCodec> codecs() {
        return codecs;
    }

    @Override
    public boolean hardware() {
        return true;
    }

    @Override
    public DecoderSession open(VideoCodec codec) throws DecoderException {
        if (!codecs.contains(codec)) {
            throw new DecoderException("NVDEC does not decode " + codec.displayName() + " here");
        }
        return FfmpegDecoderSession.open(codec, DECODERS.get(codec));
    }
}
