-- Which customer a conversation is with: one row per contact, with the contact's company when it has one.
-- subject and last_message_at are copied from the mail, so a customer's page lists its conversations
-- without reading the conversation module's tables. first_message_id is the message that linked them.
create table conversation_customers (
    conversation_id  bigint        not null,
    contact_id       bigint        not null,
    company_id       bigint,
    subject          varchar(1000) not null,
    last_message_at  timestamp with time zone not null,
    first_message_id bigint        not null,
    linked_at        timestamp with time zone not null,
    constraint conversation_customers_pk primary key (conversation_id, contact_id),
    constraint conversation_customers_contact_fk foreign key (contact_id) references contacts (id),
    constraint conversation_customers_company_fk foreign key (company_id) references companies (id)
);
create index conversation_customers_contact_ix on conversation_customers (contact_id, last_message_at);
create index conversation_customers_company_ix on conversation_customers (company_id, last_message_at);
