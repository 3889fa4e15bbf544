-- A customer wrote again in a conversation someone owns: the owner is told (kind customer_replied).
alter table notifications drop constraint notifications_kind_ck;
alter table notifications add constraint notifications_kind_ck
    check (kind in ('mention', 'conversation_assigned', 'opportunity_assigned', 'task_assigned', 'task_due', 'customer_replied'));
