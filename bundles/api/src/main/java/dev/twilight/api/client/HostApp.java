package dev.twilight.api.client;

/** One {@code <App>} of a host's {@code /applist}. */
public record HostApp(int id, String title, boolean hdrSupported) {
}
