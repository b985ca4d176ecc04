package dev.twilight.api.client;

/**
 * A host's {@code /serverinfo}, as far as clients use it.
 *
 * @param hostname               display name
 * @param uniqueId               the host's identity
 * @param appVersion             e.g. {@code 7.1.431.-1}
 * @param gfeVersion             e.g. {@code 3.23.0.74}
 * @param httpsPort              its HTTPS port
 * @param codecModeSupport       ServerCodecModeSupport bit flags
 * @param paired                 PairStatus 1 (only ever true over HTTPS)
 * @param currentGame            running app id, counted only when {@code busy}
 * @param busy                   {@code state} ends with {@code _SERVER_BUSY}
 */
public record HostInfo(String hostname, String uniqueId, String appVersion, String gfeVersion, int httpsPort,
                       long codecModeSupport, boolean paired, int currentGame, boolean busy) {
}
