package dev.twilight.client.discovery;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Twilight host discovery",
        description = "Where the client looks for GameStream hosts (mDNS _nvstream._tcp) when asked to discover")
public @interface DiscoveryConfig {

    @AttributeDefinition(name = "Network interfaces",
            description = "Names of the interfaces to browse on (e.g. eth0, wlan0; lo is allowed when named); empty "
                    + "for every interface that is up, multicast-capable, not loopback and not point-to-point")
    String[] interfaces() default {};
}
