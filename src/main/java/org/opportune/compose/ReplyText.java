package org.opportune.compose;

/** Putting a filled-in template into what someone has written so far, keeping their signature at the end. */
public final class ReplyText {

    private ReplyText() {
    }

    /**
     * The draft with the template's text in it: in place of an empty draft, or after what was written;
     * either way above the signature block when the draft ends with it.
     */
    public static String insert(String draft, String signatureBlock, String templateText) {
        var text = draft.replace("\r\n", "\n");
        var tail = "";
        if (!signatureBlock.isEmpty() && text.stripTrailing().endsWith(signatureBlock)) {
            text = text.stripTrailing();
            text = text.substring(0, text.length() - signatureBlock.length());
            tail = "\n\n" + signatureBlock;
        }
        var body = templateText.strip();
        var head = text.strip().isEmpty() ? body : text.stripTrailing() + "\n\n" + body;
        return head + tail;
    }

    /** A new draft: room to write, then the signature block. */
    public static String withSignature(String signatureBlock) {
        return signatureBlock.isEmpty() ? "" : "\n\n" + signatureBlock;
    }
}
