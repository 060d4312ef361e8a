-- Single-use tickets for opening the live WebSocket from a browser, which cannot set the
-- Authorization header on a WebSocket handshake (and a token in the query string ends up in
-- access logs): liveTicket issues one for the caller, /live?ticket= redeems it once. Kept in the
-- database, so any node redeems a ticket any node issued. Only the ticket's SHA-256 is stored.
create table tlim_live_ticket (
    ticket_hash       varchar(64)  primary key,
    user_id           varchar(64)  not null,
    -- the ticket's own expiry (30 s after issue, never after the token's)
    expires_at        bigint       not null,
    -- the token's expiry: the socket opened with the ticket is closed then
    token_expires_at  bigint       not null
);
create index ix_live_ticket_expires_at on tlim_live_ticket (expires_at);
