using KazNer.Core.Text;

namespace KazNer.Core.Tests.Text;

public sealed class KazakhSentenceSplitterTests
{
    [Fact]
    public void Split_NewsWithDatesMoneyAndInitials_EndsOnlyAtFullStops()
    {
        AssertSentences(
            "2024 ж. 12 наурызда Астанада ҚР Президенті Қ.Тоқаев шетелдік инвесторлармен кездесті. " +
            "Кездесуге 2.5 млрд доллар көлеміндегі жобалар ұсынылды! Келесі отырыс 15.04.2024 күні өтеді.",
            "2024 ж. 12 наурызда Астанада ҚР Президенті Қ.Тоқаев шетелдік инвесторлармен кездесті.",
            "Кездесуге 2.5 млрд доллар көлеміндегі жобалар ұсынылды!",
            "Келесі отырыс 15.04.2024 күні өтеді.");
    }

    [Fact]
    public void Split_TitlesAndInitials_DoNotEndSentences()
    {
        AssertSentences(
            "Жиынға проф. А. Байтұрсынұлы атындағы институттың өкілі қатысты. Др. Ж.Ж. Смағұлов баяндама жасады. " +
            "Оны ҚР ҰҒА акад. С. Сейітов құттықтады.",
            "Жиынға проф. А. Байтұрсынұлы атындағы институттың өкілі қатысты.",
            "Др. Ж.Ж. Смағұлов баяндама жасады.",
            "Оны ҚР ҰҒА акад. С. Сейітов құттықтады.");
    }

    [Fact]
    public void Split_EnumerationAndAmountAbbreviations_EndSentencesOnlyBeforeCapitals()
    {
        AssertSentences(
            "Дүкенде нан, сүт, ет т.б. азық-түлік бар. Бағасы 5 млн. теңгеге жетті. Қалада мектеп, аурухана т.б. " +
            "Сондай-ақ жаңа саябақ ашылды. Олар жем-шөп т.с.с. Жаңа жоба 2025 жылы басталады.",
            "Дүкенде нан, сүт, ет т.б. азық-түлік бар.",
            "Бағасы 5 млн. теңгеге жетті.",
            "Қалада мектеп, аурухана т.б.",
            "Сондай-ақ жаңа саябақ ашылды.",
            "Олар жем-шөп т.с.с.",
            "Жаңа жоба 2025 жылы басталады.");
    }

    [Fact]
    public void Split_DateAndAddressAbbreviations_DoNotEndSentences()
    {
        AssertSentences(
            "Бұл қала б.з.б. V ғ. салынған. Мекенжайы: Алматы обл., Қонаев қ., Абай көш. 15 үй. " +
            "Мыс. Түркістан, Тараз сияқты қалалар да көне.",
            "Бұл қала б.з.б. V ғ. салынған.",
            "Мекенжайы: Алматы обл., Қонаев қ., Абай көш. 15 үй.",
            "Мыс. Түркістан, Тараз сияқты қалалар да көне.");
    }

    [Fact]
    public void Split_MonthAbbreviationBeforeYearOrSameWordAtEnd_SplitsOnlyAtTheEnd()
    {
        // "жел." is December before a year and "wind" at the end of the second sentence.
        AssertSentences(
            "Шара 12 жел. 2024 ж. өтті. Түнде күшті жел. Ертең ауа райы жылиды.",
            "Шара 12 жел. 2024 ж. өтті.",
            "Түнде күшті жел.",
            "Ертең ауа райы жылиды.");
    }

    [Fact]
    public void Split_NumbersBeforeAndAfterFullStops_SplitThere()
    {
        AssertSentences(
            "Инфляция 8,5 пайызға жетті. Өсім 2.5 есе. Жалпы саны – 5. 2025 жылы олар тіркелді.",
            "Инфляция 8,5 пайызға жетті.",
            "Өсім 2.5 есе.",
            "Жалпы саны – 5.",
            "2025 жылы олар тіркелді.");
    }

    [Fact]
    public void Split_GuillemetQuotes_EndAfterClosingQuoteOnlyOutsideTheQuote()
    {
        AssertSentences(
            "Министр: «Жоспар толық орындалды. Енді жаңа кезең басталады», – деді. «Біз дайынбыз!» " +
            "Бұл сөзді ол екі рет қайталады. «Бәрі дұрыс!» – деді әкім.",
            "Министр: «Жоспар толық орындалды. Енді жаңа кезең басталады», – деді.",
            "«Біз дайынбыз!»",
            "Бұл сөзді ол екі рет қайталады.",
            "«Бәрі дұрыс!» – деді әкім.");
    }

    [Fact]
    public void Split_StraightQuotes_OpenAfterSpaceAndCloseAfterText()
    {
        AssertSentences(
            "Компания \"Самұрық-Қазына\" қорына тиесілі. Басшы \"Біз өсеміз. Жоспар бар!\" Кейін ол кетті.",
            "Компания \"Самұрық-Қазына\" қорына тиесілі.",
            "Басшы \"Біз өсеміз. Жоспар бар!\"",
            "Кейін ол кетті.");
    }

    [Fact]
    public void Split_UnclosedQuote_EndsAtParagraphBreak()
    {
        AssertSentences(
            "Ол «Бірінші сөйлем. Екінші сөйлем.\n\nЖаңа абзац. Соңғы сөйлем.",
            "Ол «Бірінші сөйлем. Екінші сөйлем.",
            "Жаңа абзац.",
            "Соңғы сөйлем.");
    }

    [Fact]
    public void Split_EllipsesAndRepeatedMarks_SplitBeforeCapitalsOnly()
    {
        AssertSentences(
            "Біз күттік... Ертеңіне хабар келді. Олар келді… бірақ кешікті. Не деген ғажап?! Керемет!! Рас па?",
            "Біз күттік...",
            "Ертеңіне хабар келді.",
            "Олар келді… бірақ кешікті.",
            "Не деген ғажап?!",
            "Керемет!!",
            "Рас па?");
    }

    [Fact]
    public void Split_BulletAndNumberedLists_MakeEachItemASentence()
    {
        AssertSentences(
            "Жиында мына мәселелер қаралды:\n- бюджет жобасы;\n– жол құрылысы\n• білім беру\n* спорт\n" +
            "1) денсаулық сақтау\n2. Мәдениет және өнер\nСоңында шешім қабылданды.",
            "Жиында мына мәселелер қаралды:",
            "- бюджет жобасы;",
            "– жол құрылысы",
            "• білім беру",
            "* спорт",
            "1) денсаулық сақтау",
            "2. Мәдениет және өнер",
            "Соңында шешім қабылданды.");
    }

    [Fact]
    public void Split_LineBreaks_EndSentenceAfterTerminatorOrBlankLineOnly()
    {
        AssertSentences(
            "Астанада жаңа мектеп ашылды\nОнда 1 200 оқушы оқиды.\nмектеп 2025 жылы салынды\r\n\r\nЕкінші жаңалық\u2029Үшінші жаңалық",
            "Астанада жаңа мектеп ашылды\nОнда 1 200 оқушы оқиды.",
            "мектеп 2025 жылы салынды",
            "Екінші жаңалық",
            "Үшінші жаңалық");
    }

    [Fact]
    public void Split_LeadingAndTrailingWhitespace_IsExcluded()
    {
        AssertSentences("\u00A0 \u200B Бірінші сөйлем.  Екінші сөйлем \n\t ", "Бірінші сөйлем.", "Екінші сөйлем");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\n\t\u00A0")]
    public void Split_NoVisibleText_ReturnsNoSentences(string text)
    {
        Assert.Empty(KazakhSentenceSplitter.Split(text));
    }

    [Fact]
    public void Split_LongDocument_ReturnsTrimmedNonEmptySpansInOrder()
    {
        var paragraph = "ҚР Үкіметі 2024 ж. 5 млн. теңге бөлді. «Жоба дайын!» – деді А. Ахметов...\n- бірінші\n\n";
        var text = string.Concat(Enumerable.Repeat(paragraph, 2000));

        var sentences = KazakhSentenceSplitter.Split(text);

        Assert.Equal(3 * 2000, sentences.Count);
        Assert.All(sentences, s => Assert.True(s.Length > 0 && !char.IsWhiteSpace(text[s.Start]) && !char.IsWhiteSpace(text[s.End - 1])));
        Assert.True(sentences.Zip(sentences.Skip(1)).All(pair => pair.First.End <= pair.Second.Start));
    }

    private static void AssertSentences(string text, params string[] expected)
    {
        Assert.Equal(expected, KazakhSentenceSplitter.Split(text).Select(s => s.Slice(text)));
    }
}
