/**
 * Mobile push: registration codes (registerAppPushCode), the queue of notices for recipients with
 * no device online (PushQueue, one per user and message), and the consumer that posts each to the
 * push gateway (PushConsumer), dropping a notice whose message was recalled since.
 */
package im.tlim.push;
