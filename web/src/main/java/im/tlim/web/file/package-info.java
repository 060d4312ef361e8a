/**
 * File transfer outside JAX-RS, at the original's paths: {@code /upload/mobileFileUpload} ({@link
 * im.tlim.web.file.FileUploadServlet}: multipart in, {@code fileId} out) and {@code
 * /upload/mobileFileDownload} ({@link im.tlim.web.file.FileDownloadServlet}: with byte ranges,
 * {@link im.tlim.web.file.ByteRange}). Plain servlets, because both stream: an upload goes from the
 * request to the disk as it arrives ({@link im.tlim.web.file.MultipartUpload} finds the file part
 * with Commons FileUpload's streaming API), a download from the disk to the response. File names in
 * Content-Disposition, both ways, are {@link im.tlim.web.file.ContentDisposition}'s.
 */
package im.tlim.web.file;
