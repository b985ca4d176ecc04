package dev.twilight.api.pipeline;

/** A stream could not be started; the message names what is missing and what to do. */
public class PipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    public PipelineException(String message) {
        super(message);
    }
}
