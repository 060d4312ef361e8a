/** Session endpoints: addSession. */
package im.tlim.web.session;
