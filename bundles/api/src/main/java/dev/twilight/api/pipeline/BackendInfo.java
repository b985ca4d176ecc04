package dev.twilight.api.pipeline;

import dev.twilight.api.media.Availability;

/**
 * An encoder or capture source as the pipeline sees it.
 *
 * @param name         configuration name
 * @param description  one line for people
 * @param kind         hardware kind for encoders ({@code SOFTWARE}, {@code NVENC}...), {@code video} for capture
 * @param capabilities what it can do, e.g. {@code H264,HEVC}
 * @param availability probe result
 * @param rank         position in the configured preference, 0 first; unlisted backends rank after listed ones
 */
public record BackendInfo(String name, String description, String kind, String capabilities,
                          Availability availability, int rank) {
}
