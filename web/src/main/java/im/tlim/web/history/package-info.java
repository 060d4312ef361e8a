/** History endpoints: findChatHistory (1:1). */
package im.tlim.web.history;
