/** Mobile push: registration codes (registerAppPushCode). */
package im.tlim.push;
