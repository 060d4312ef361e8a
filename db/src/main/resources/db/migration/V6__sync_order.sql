-- "Everything after X" reads (syncMessage, getOffline's acknowledgement) follow commit order.
-- Message ids come from a sequence at persist time, in blocks per node, so rows commit out of id
-- order; a cursor on id would skip a row that committed after the client read past its id.
-- sync_seq is given to a row only after it committed, by one numbering transaction at a time
-- (the SyncSequencer, serialised by the lock on tlim_sync_clock's row, across nodes too): a row
-- numbered later always has a higher sync_seq than every row a reader could already see.
-- Null until the row is numbered.
alter table tlim_message add column sync_seq bigint;
-- every row stored so far has committed: their ids are a valid numbering
update tlim_message set sync_seq = id;
create unique index uq_message_sync_seq on tlim_message (sync_seq);

-- The sequencer's clock: the highest sync_seq given so far. One row, locked while numbering.
create table tlim_sync_clock (
    id        integer primary key,
    last_seq  bigint  not null
);
insert into tlim_sync_clock (id, last_seq) select 1, coalesce(max(sync_seq), 0) from tlim_message;

-- A former member reads the session's messages up to left_seq only (the notice of their leaving
-- included); null while a member. Members who left before this migration: up to the last message
-- stored by the time they left.
alter table tlim_member add column left_seq bigint;
update tlim_member set left_seq = (
    select coalesce(max(m.seq), 0) from tlim_message m
    where m.session_id = tlim_member.session_id and m.stored_at <= tlim_member.left_at)
  where left_at is not null;
