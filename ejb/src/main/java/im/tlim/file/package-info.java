/**
 * Files: an upload streamed to the files directory and recorded in the database, found again by its
 * id for download. Messages of types MTT-001..003 and MTS-001..003 name a stored file by that id; a
 * download is for the uploader and for the members of the conversations such a message was posted
 * in (within a former member's window).
 */
package im.tlim.file;
