package dev.twilight.client.nvhttp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Twilight GameStream client",
        description = "Where the client keeps its identity and the host certificates it pinned at pairing")
public @interface ClientConfig {

    @AttributeDefinition(name = "State directory",
            description = "Holds client-identity/ and hosts.json; empty for the framework property "
                    + "twilight.state.dir, else ${XDG_DATA_HOME:-~/.local/share}/twilight/client")
    String state_dir() default "";
}
