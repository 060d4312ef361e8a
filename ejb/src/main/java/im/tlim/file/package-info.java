/**
 * Files: an upload streamed to the files directory and recorded in the database, found again
 * by its id for download. Messages of types MTT-001..003 name a stored file by that id.
 */
package im.tlim.file;
