package dev.twilight.host.pipeline;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Twilight video pipeline",
        description = "Which capture source and encoder the host uses, in order of preference, and host caps")
public @interface PipelineConfig {

    @AttributeDefinition(name = "Encoder preference",
            description = "Encoder names, best first. The first available one that can produce the requested codec "
                    + "is used; encoders not listed come after, by name")
    String[] encoder_preference() default {"nvenc", "qsv", "vaapi", "x264", "x265", "openh264"};

    @AttributeDefinition(name = "Capture preference",
            description = "Capture source names, best first; sources not listed come after, by name")
    String[] capture_preference() default {"x11", "synthetic"};

    @AttributeDefinition(name = "Maximum bitrate (kbps)",
            description = "Caps every stream's bitrate; 0 for no cap. Applied to running streams at once", min = "0")
    int max_bitrate_kbps() default 0;

    @AttributeDefinition(name = "Backend wait (ms)",
            description = "How long a stream waits for a capture source or encoder to come back (a bundle being "
                    + "updated) before it ends with an error", min = "100")
    int backend_wait_ms() default 10000;
}
