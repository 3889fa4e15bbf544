package org.opportune.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a one-page PDF of plain text lines (Helvetica, WinAnsi), so that supplier invoices in the
 * demo carry a real, small PDF without a PDF library in the jar.
 */
final class TinyPdf {

    private TinyPdf() {
    }

    static byte[] render(List<String> lines) {
        var text = new StringBuilder("BT /F1 10 Tf 14 TL 56 790 Td\n");
        for (var line : lines) {
            text.append('(').append(escape(line)).append(") Tj T*\n");
        }
        text.append("ET");
        var stream = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        var objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                "<< /Length " + stream.length + " >>\nstream\n" + new String(stream, StandardCharsets.ISO_8859_1) + "\nendstream");
        var out = new ByteArrayOutputStream();
        var offsets = new ArrayList<Integer>();
        write(out, "%PDF-1.4\n");
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        var xref = out.size();
        write(out, "xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (var offset : offsets) {
            write(out, String.format("%010d 00000 n \n", offset));
        }
        write(out, "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    /** Latin-1 covers £ and accented names; anything else becomes '?'. */
    private static String escape(String line) {
        var escaped = new StringBuilder();
        for (var c : line.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                escaped.append('\\').append(c);
            } else {
                escaped.append(c <= 0xFF ? c : '?');
            }
        }
        return escaped.toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
