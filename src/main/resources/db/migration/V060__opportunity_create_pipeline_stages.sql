-- The pipeline's stages, configurable by admins. stage_key never changes (the API and the
-- history use it); name, position, probability and active do. kind is open, won or lost:
-- exactly one active won stage and at least one active lost stage always remain.
create table pipeline_stages (
    stage_key           varchar(40)  not null primary key,
    name                varchar(80)  not null,
    position            integer      not null,
    kind                varchar(8)   not null,
    default_probability integer      not null,
    active              boolean      not null default true,
    version             integer      not null default 0,
    constraint pipeline_stages_kind_ck check (kind in ('open', 'won', 'lost')),
    constraint pipeline_stages_probability_ck check (default_probability between 0 and 100)
);

insert into pipeline_stages (stage_key, name, position, kind, default_probability) values
    ('new_lead', 'New lead', 10, 'open', 10),
    ('qualified', 'Qualified', 20, 'open', 25),
    ('proposal_sent', 'Proposal/quote sent', 30, 'open', 50),
    ('waiting_on_customer', 'Waiting on customer', 40, 'open', 50),
    ('negotiation', 'Negotiation/review', 50, 'open', 70),
    ('won', 'Won', 60, 'won', 100),
    ('lost', 'Lost/closed', 70, 'lost', 0);
