package dev.twilight.gamestream.rtsp;

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
}
