package dev.twilight.gamestream.rtsp;

import dev.twilight.transport.video.Pacer;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Twilight GameStream RTSP",
        description = "The RTSP handshake Moonlight clients perform after /launch, and the stream ports it announces")
public @interface RtspConfig {

    @AttributeDefinition(name = "RTSP port",
            description = "TCP port of the handshake; -1 for the nvhttp base port + 21, which is what /launch tells "
                    + "clients (sessionUrl0), so change it only for tests; 0 for a free port", min = "-1",
            max = "65535")
    int port() default -1;

    @AttributeDefinition(name = "Video port",
            description = "UDP port announced in the video SETUP reply; -1 for the nvhttp base port + 9",
            min = "-1", max = "65535")
    int video_port() default -1;

    @AttributeDefinition(name = "Control port",
            description = "UDP (ENet) port announced in the control SETUP reply; -1 for the nvhttp base port + 10",
            min = "-1", max = "65535")
    int control_port() default -1;

    @AttributeDefinition(name = "Audio port",
            description = "UDP port announced in the audio SETUP reply; -1 for the nvhttp base port + 11",
            min = "-1", max = "65535")
    int audio_port() default -1;

    @AttributeDefinition(name = "Bind address",
            description = "Address the RTSP port listens on; empty for the address nvhttp listens on")
    String bind_address() default "";

    /**
     * Sunshine's budget, 80 % of 1 Gbit/s: the frames of a 20 Mbit/s 1080p60 stream (about 42 KB) then leave in
     * about 0.4 ms and a 300 KB key frame in about 3 ms, a small part of the 16.7 ms frame interval, so bursts are
     * cut into batches under 64 KiB without holding back the next frame.
     */
    @AttributeDefinition(name = "Video pacing (Mbit/s)",
            description = "Each frame's datagrams leave in batches at this rate rather than in one burst that can "
                    + "overflow the client's socket buffer; keep it well above the stream bitrate. 0 sends each frame "
                    + "as one burst", min = "0")
    int video_pacing_mbps() default (int) (Pacer.DEFAULT_BITS_PER_SECOND / 1_000_000);

    @AttributeDefinition(name = "Audio source preference",
            description = "Audio capture sources by name, best first; a stream moves to the next one if its source "
                    + "goes away. Sources not named come after the named ones, and the synthetic 'tone' comes last "
                    + "unless named, so when empty any system audio source is preferred to the tone")
    String[] audio_source_preference() default {};
}
