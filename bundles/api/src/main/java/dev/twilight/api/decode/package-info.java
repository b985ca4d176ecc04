/**
 * Video and audio decoders used by the client role.
 */
@Export
@Version("2.0.0")
package dev.twilight.api.decode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
