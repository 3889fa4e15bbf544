package org.opportune.mail.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTests {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void validUtf8IsReadAsUtf8WhateverTheLabelSays() {
        var bytes = "Grüße aus Köln 👋".getBytes(StandardCharsets.UTF_8);

        assertThat(Texts.decodeGuessing(bytes)).isEqualTo("Grüße aus Köln 👋");
        assertThat(Texts.decode(bytes, "iso-8859-1")).isEqualTo("Grüße aus Köln 👋");
    }

    @Test
    void bytesThatAreNotUtf8AreReadInTheDeclaredCharsetOrWindows1252() {
        var latin = "Grüße, 20 €".getBytes(WINDOWS_1252);

        assertThat(Texts.decodeGuessing(latin)).isEqualTo("Grüße, 20 €");
        assertThat(Texts.decode(latin, null)).isEqualTo("Grüße, 20 €");
        assertThat(Texts.decode("Привет".getBytes(Charset.forName("koi8-r")), "koi8-r")).isEqualTo("Привет");
    }

    @Test
    void aUtf8SequenceCutOffAtTheEndIsNotUtf8() {
        var utf8 = "Preis: 5 €".getBytes(StandardCharsets.UTF_8);
        var cut = java.util.Arrays.copyOf(utf8, utf8.length - 1);

        assertThat(Texts.decodeGuessing(cut)).isEqualTo(new String(cut, WINDOWS_1252));
    }

    @Test
    void asciiStaysAsItIs() {
        assertThat(Texts.decodeGuessing("Subject: plain\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("Subject: plain\r\n");
    }

    @Test
    void oneLineReplacesControlCharactersDropsNulsAndStrips() {
        assertThat(Texts.oneLine("  Re: offer\tfor\u0000 you \r\n")).isEqualTo("Re: offer for you");
        assertThat(Texts.oneLine(" clean ")).isEqualTo("clean");
        assertThat(Texts.oneLine(null)).isEmpty();
    }
}
