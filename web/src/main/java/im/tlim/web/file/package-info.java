/**
 * File transfer outside JAX-RS, at the original's paths: {@code /upload/mobileFileUpload}
 * (multipart in, {@code fileId} out) and {@code /upload/mobileFileDownload} (with byte ranges).
 * Plain servlets, because both stream: an upload goes from the request to the disk as it arrives, a
 * download from the disk to the response.
 */
package im.tlim.web.file;
