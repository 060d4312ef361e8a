/** The web module's coded log messages ({@link im.tlim.web.logging.WebLogger}, TLIM02xx). */
package im.tlim.web.logging;
