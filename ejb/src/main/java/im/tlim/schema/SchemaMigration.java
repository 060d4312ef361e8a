package im.tlim.schema;

import im.tlim.observability.TlimLogger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the schema when the application starts, before it serves anything. The migrations live
 * in the {@code db} module ({@code db/migration/V*.sql}) and run on PostgreSQL and on the embedded
 * H2 alike.
 */
@Singleton
@Startup
public class SchemaMigration {

  private static final TlimLogger LOG = TlimLogger.of(SchemaMigration.class);

  @Resource(lookup = "java:jboss/datasources/TlimDS")
  private DataSource dataSource;

  // Flyway commits each migration itself, so it must not run inside a JTA transaction
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void migrate() {
    MigrateResult result =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .table("tlim_schema_history")
            .load()
            .migrate();
    LOG.schemaMigrated(
        result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion,
        result.migrationsExecuted);
  }
}
