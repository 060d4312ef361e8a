-- Who may read what (issue 10): membership windows, the message-to-file relation, and ids that
-- can no longer be users. Runs on PostgreSQL and on H2 in PostgreSQL mode.

-- (A former member's window, tlim_member.left_seq, comes with V6.)

-- Which stored message carries which uploaded file: a download is allowed to the members of
-- the conversations such a message was posted in (not to anyone whose readable text merely
-- mentions the id). Written with the message; the primary key serves the look-up by file.
create table tlim_message_file (
    file_id     varchar(64) not null,
    message_id  bigint      not null references tlim_message (id),
    primary key (file_id, message_id)
);
-- deletes by message (clearing a pair's history)
create index ix_message_file_message on tlim_message_file (message_id);

-- the file messages stored so far; their body is strict JSON written by the server, so the
-- field appears exactly as '"file_id":"<id>"' (file ids are 32 hex digits: no LIKE wildcards)
insert into tlim_message_file (file_id, message_id)
select f.file_id, m.id
  from tlim_message m
  join tlim_file f on m.body like '%"file_id":"' || f.file_id || '"%'
 where m.msg_type in ('MTT-001', 'MTT-002', 'MTT-003', 'MTS-001', 'MTS-002', 'MTS-003')
   and m.recalled = false;

-- Ids that can no longer be users: the server's own sender id, and ids with a ':' (they make
-- 1:1 pair keys 'p:<a>:<b>' ambiguous; addUser refuses them, XMPP localparts cannot hold one).
-- Entries that have them from before are removed: their history stays, nobody can use them.
update tlim_user set removed = true where lower(user_id) = 'system' or user_id like '%:%';
