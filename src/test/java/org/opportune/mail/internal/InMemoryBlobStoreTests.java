package org.opportune.mail.internal;

class InMemoryBlobStoreTests implements BlobStoreContract {

    private final InMemoryBlobStore store = new InMemoryBlobStore();

    @Override
    public BlobStore store() {
        return store;
    }
}
