/**
 * The service's MicroProfile Health checks, served by WildFly on the management interface
 * (/health/live, /health/ready): ready while the XMPP component stream is up and the database
 * answers, with the dead-letter count as a detail; alive unless threads are deadlocked. A jar of
 * the EAR's lib, because WildFly collects checks from the top level of an EAR only; the EJB module
 * registers the probes behind the readiness checks ({@link im.tlim.health.Probes}).
 */
package im.tlim.health;
