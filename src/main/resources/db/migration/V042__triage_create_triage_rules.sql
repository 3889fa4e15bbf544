-- An admin's edits of the phrase rules, by rule id: a changed default, a disabled default
-- (enabled = false) or a new rule. The shipped defaults live in triage/default-rules.yml.
create table triage_rules (
    rule_id    varchar(100)  not null primary key,
    category   varchar(20)   not null,
    language   varchar(10)   not null default 'any',
    location   varchar(20)   not null default 'text',
    kind       varchar(200)  not null,
    weight     numeric(4, 3) not null,
    pattern    varchar(4000) not null,
    negatable  boolean       not null default false,
    enabled    boolean       not null default true,
    updated_by varchar(200)  not null,
    updated_at timestamp with time zone not null
);
