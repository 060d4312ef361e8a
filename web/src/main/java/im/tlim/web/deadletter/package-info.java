/**
 * The operators' dead-letter operations ({@link im.tlim.web.deadletter.DeadLetterResource}, service
 * role only): findDeadLetters lists what the queues gave up on, redriveDeadLetters puts it back.
 */
package im.tlim.web.deadletter;
