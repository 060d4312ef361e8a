/** Group announcements (the original's "pubact"): members post them; author or creator edit. */
package im.tlim.announcement;
