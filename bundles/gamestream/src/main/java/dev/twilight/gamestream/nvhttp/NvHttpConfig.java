package dev.twilight.gamestream.nvhttp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Twilight GameStream nvhttp",
        description = "The ports Moonlight clients pair and launch on, and how pairing is guarded")
public @interface NvHttpConfig {

    @AttributeDefinition(name = "Base port",
            description = "Plain HTTP port (serverinfo, pairing). HTTPS is this port - 5 and RTSP this port + 21, "
                    + "as clients expect. 0 picks a free port (tests)", min = "0", max = "65514")
    int port() default 47989;

    @AttributeDefinition(name = "HTTPS port",
            description = "-1 for the base port - 5 (a free port when the base port is 0), 0 for a free port",
            min = "-1", max = "65535")
    int https_port() default -1;

    @AttributeDefinition(name = "Bind address", description = "Address both ports listen on; 0.0.0.0 for all")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "Host name", description = "Name clients show; empty for the OS host name")
    String hostname() default "";

    @AttributeDefinition(name = "Pairing timeout (ms)",
            description = "How long a client's pairing waits for its PIN to be entered on the host", min = "1000")
    int pairing_timeout_ms() default 120000;

    @AttributeDefinition(name = "Failed pairings per minute",
            description = "Failed pairings one client address may have in a minute before it is refused",
            min = "1")
    int pairing_failures_per_minute() default 5;

    @AttributeDefinition(name = "State directory",
            description = "Where the host identity lives (in identity/); empty for the framework property "
                    + "twilight.state.dir, else ${XDG_DATA_HOME:-~/.local/share}/twilight/host")
    String state_dir() default "";
}
