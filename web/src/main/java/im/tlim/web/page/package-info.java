/**
 * The reference web client's server side: the static page itself ({@code src/main/webapp}: {@code
 * index.html}, {@code js/} modules, {@code tlim.css}, see docs/web-client.md) is served as is; this
 * package adds the headers that keep it safe (Content-Security-Policy without inline script).
 */
package im.tlim.web.page;
