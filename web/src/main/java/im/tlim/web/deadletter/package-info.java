/** The operators' dead-letter operations of the HTTP API: list and redrive (service role only). */
package im.tlim.web.deadletter;
