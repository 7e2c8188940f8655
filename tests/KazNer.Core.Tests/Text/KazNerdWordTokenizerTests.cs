using KazNer.Core.Text;

namespace KazNer.Core.Tests.Text;

public sealed class KazNerdWordTokenizerTests
{
    [Theory]
    // Hyphens glue compounds, ordinals and case endings; a spaced hyphen or a dash is a word of its own.
    [InlineData("Қасым-Жомарт Тоқаев 11-інші рет", "Қасым-Жомарт|Тоқаев|11-інші|рет")]
    [InlineData("2020-2025 жылдар, КОВИД-19 -ға Екі- , үш", "2020-2025|жылдар|,|КОВИД-19|-ға|Екі-|,|үш")]
    [InlineData("іс–шаралар алпыс - жетпіс Алматы — Астана", "іс–шаралар|алпыс|-|жетпіс|Алматы|—|Астана")]
    // A percent sign or closing quote keeps the case ending written after it, as in the corpus.
    [InlineData("баға 5%-ке өсті, 7 %", "баға|5|%-ке|өсті|,|7|%")]
    [InlineData("5%-10% аралығында", "5|%|-10|%|аралығында")]
    [InlineData("«Нұр Отан»-ның (Астана)-дағы съезі", "«|Нұр|Отан|»-ның|(|Астана|)-дағы|съезі")]
    [InlineData("«-ді» жұрнағы", "«|-ді|»|жұрнағы")]
    // Every dot and comma is split off: decimals, dates, abbreviations, initials, addresses.
    [InlineData("2,5 млн теңге 12.03.2024 ж. т.б.", "2|,|5|млн|теңге|12|.|03|.|2024|ж|.|т|.|б|.")]
    [InlineData("А. Байтұрсынұлы мен Қ.Тоқаев", "А|.|Байтұрсынұлы|мен|Қ|.|Тоқаев")]
    // A hyphen between initials is not a case ending: it does not glue to the capital after it.
    [InlineData("Қ.-Ж. Тоқаев пен Ж.-Б. Бекова", "Қ|.|-|Ж|.|Тоқаев|пен|Ж|.|-|Б|.|Бекова")]
    [InlineData("www.kaz.kz сайты, info@gov.kz", "www|.|kaz|.|kz|сайты|,|info|@|gov|.|kz")]
    [InlineData("№5 лот 100 $ [ noise ] 55/12 бөлім", "№|5|лот|100|$|[|noise|]|55|/|12|бөлім")]
    // Whitespace always separates, so a number written with a thousands space is two words.
    [InlineData("1 000 теңге", "1|000|теңге")]
    [InlineData("O'zbekiston 'сөз' Qazaqstan’nyń", "O'zbekiston|'|сөз|'|Qazaqstan’nyń")]
    [InlineData("Сен кімсің?! Иә...", "Сен|кімсің|?|!|Иә|.|.|.")]
    public void Tokenize_HandWrittenSentence_ReturnsKazNerdTokens(string text, string expected)
    {
        var words = KazNerdWordTokenizer.Tokenize(text, new TextSpan(0, text.Length));

        Assert.Equal(expected.Split('|'), words.Select(w => w.Slice(text)));
    }

    [Fact]
    public void Tokenize_InvisibleSeparators_AreNeverInsideWords()
    {
        const string text = "\u00A0Алматы\u00A0қаласы\u200Bда\u2009бүгін\uFEFF ";

        var words = KazNerdWordTokenizer.Tokenize(text, new TextSpan(0, text.Length));

        Assert.Equal(["Алматы", "қаласы", "да", "бүгін"], words.Select(w => w.Slice(text)));
    }

    [Fact]
    public void Tokenize_SurrogatePairs_StayWhole()
    {
        // 😀 is a symbol (one word of two UTF-16 units); 𝐀𝐁 are mathematical bold letters (one word of four).
        const string text = "Сәлем😀! 𝐀𝐁 \uD800x";

        var words = KazNerdWordTokenizer.Tokenize(text, new TextSpan(0, text.Length));

        Assert.Equal(["Сәлем", "😀", "!", "𝐀𝐁", "\uD800", "x"], words.Select(w => w.Slice(text)));
        Assert.Equal(new TextSpan(5, 7), words[1]);
    }

    [Fact]
    public void Tokenize_SentenceInsideDocument_ReturnsDocumentOffsets()
    {
        const string text = "Бірінші сөйлем. ҚР Үкіметі, 2024 ж.";

        var words = KazNerdWordTokenizer.Tokenize(text, new TextSpan(16, text.Length));

        Assert.Equal(
            [new(16, 18), new(19, 26), new(26, 27), new(28, 32), new(33, 34), new(34, 35)],
            words);
    }

    [Fact]
    public void Tokenize_SpanOutsideText_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KazNerdWordTokenizer.Tokenize("сөз", new TextSpan(1, 5)));
    }
}
