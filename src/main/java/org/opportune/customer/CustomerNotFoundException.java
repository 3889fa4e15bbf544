package org.opportune.customer;

/** There is no company or contact with that id (maps to 404). */
public class CustomerNotFoundException extends RuntimeException {

    private CustomerNotFoundException(String message) {
        super(message);
    }

    public static CustomerNotFoundException forRef(CustomerRef ref) {
        return new CustomerNotFoundException("There is no " + ref.kind().code() + " " + ref.id() + ".");
    }
}
