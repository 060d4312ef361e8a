-- syncMessage for a user in few sessions reads each of their sessions from the cursor on, in
-- commit order, and merges them (OfflineService.after): one index range per session, bounded by
-- the page, instead of a walk of uq_message_sync_seq over everyone's later messages (docs/bench,
-- P3: 980k rows read for a light user's page at 1M messages). Runs on PostgreSQL and H2 alike.
create index ix_message_session_sync on tlim_message (session_id, sync_seq);
