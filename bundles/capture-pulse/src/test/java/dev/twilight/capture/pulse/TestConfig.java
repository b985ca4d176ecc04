package dev.twilight.capture.pulse;

import java.lang.annotation.Annotation;

/** The source's configuration as a test writes it. */
record TestConfig(boolean enabled, String server, String source) implements PulseSource.Config {

    @Override
    public Class<? extends Annotation> annotationType() {
        return PulseSource.Config.class;
    }
}
