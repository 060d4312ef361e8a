-- Uploaded files: the bytes live on disk under tlim.files.dir (TLIM_FILES_DIR), one file per
-- row; the row says what they are. Rows and files are never changed after the upload.
create table tlim_file (
    file_id      varchar(64)  primary key,
    file_name    varchar(255) not null,   -- as the uploader named it, without any directory
    content_type varchar(128) not null,
    size_bytes   bigint       not null,   -- not "size": a reserved word in some databases
    uploader     varchar(64),             -- the authenticated user; null until HTTP login exists
    stored_at    bigint       not null,
    -- relative to tlim.files.dir ('<yyyy>/<MM>/<file_id>'), so the directory can be moved
    storage_path varchar(512) not null
);
