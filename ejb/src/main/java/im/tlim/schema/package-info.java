/** Brings the database schema up to date (Flyway, migrations from the db module) at startup. */
package im.tlim.schema;
