package dev.twilight.gamestream.mdns;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Twilight GameStream mDNS",
        description = "Announces the host to Moonlight clients on the local network as _nvstream._tcp")
public @interface MdnsConfig {

    @AttributeDefinition(name = "Enabled", description = "Advertise the host; off hides it from automatic discovery "
            + "(clients can still add it by address)")
    boolean enabled() default true;

    @AttributeDefinition(name = "Instance name",
            description = "Name announced; empty for the OS host name, cleaned up as Sunshine does")
    String instance_name() default "";
}
