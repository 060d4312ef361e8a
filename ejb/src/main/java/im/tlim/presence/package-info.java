/** Who is online, on which devices, and of which device class (web or mobile). */
package im.tlim.presence;
