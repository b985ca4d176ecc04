/**
 * Paired clients and PIN entry: who may use the host's HTTPS endpoints, and how a new client gets there.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.pairing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
