-- Commit Markable Resource (Narayana): each transaction that spans this database and Artemis
-- writes its id here in the same database commit, so recovery can tell, after a crash, that the
-- database part committed and finish the Artemis part (wildfly-config, docs/reliability.md).
-- Rows are deleted by the transaction manager in batches once the transaction has completed.
create table tlim_xids (
    xid                   bytea        not null,
    transactionmanagerid  varchar(64),
    actionuid             bytea
);
create unique index ix_xids_xid on tlim_xids (xid);
