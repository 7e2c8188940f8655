namespace KazNer.Core.Text;

/// <summary>The state of one <see cref="KazakhSentenceSplitter.Split"/> pass over a text.</summary>
internal ref struct SentenceScanner(string text)
{
    /// <summary>Longer dotted words are not abbreviations; the cap keeps the look-back constant per dot.</summary>
    private const int MaxAbbreviationLength = 8;

    private readonly string text = text;
    private readonly List<TextSpan> sentences = [];
    private int start = -1;
    private int end;
    private int quoteDepth;
    private bool inListItem;

    public List<TextSpan> Scan()
    {
        var i = BeginLine(SkipSeparators(0).Next);
        while (i < this.text.Length)
        {
            if (TextCharacters.IsSeparator(this.text[i]))
            {
                i = AfterSeparators(i);
                continue;
            }

            if (this.start < 0)
            {
                this.start = i;
            }

            i = IsTerminator(this.text[i]) ? AfterTerminator(i) : AfterCharacter(i);
        }

        Close();
        return sentences;
    }

    private int AfterCharacter(int i)
    {
        if (QuoteMarks.Opens(this.text, i))
        {
            quoteDepth++;
        }
        else if (QuoteMarks.Closes(this.text, i) && quoteDepth > 0)
        {
            quoteDepth--;
        }

        this.end = i + 1;
        return i + 1;
    }

    private int AfterSeparators(int i)
    {
        var (next, lineBreaks) = SkipSeparators(i);
        if (lineBreaks == 0)
        {
            return next;
        }

        // A blank line or the end of a list item closes the sentence even inside an unbalanced quote.
        if (lineBreaks > 1 || inListItem)
        {
            CloseAndForgetQuotes();
        }

        return BeginLine(next);
    }

    private int BeginLine(int first)
    {
        var markerEnd = first < this.text.Length ? ListItemMarker.End(this.text, first) : -1;
        inListItem = markerEnd >= 0;
        if (!inListItem)
        {
            return first;
        }

        CloseAndForgetQuotes();
        this.start = first;
        this.end = markerEnd;
        return markerEnd;
    }

    private int AfterTerminator(int i)
    {
        var runEnd = i;
        while (runEnd < this.text.Length && IsTerminator(this.text[runEnd]))
        {
            runEnd++;
        }

        var closersEnd = runEnd;
        var depth = quoteDepth;
        while (closersEnd < this.text.Length && QuoteMarks.IsCloser(this.text, closersEnd))
        {
            depth -= QuoteMarks.Closes(this.text, closersEnd) && depth > 0 ? 1 : 0;
            closersEnd++;
        }

        this.end = runEnd;
        var midWord = closersEnd < this.text.Length && !TextCharacters.IsSeparator(this.text[closersEnd]);
        if (depth > 0 || midWord)
        {
            return runEnd;
        }

        var (next, lineBreaks) = SkipSeparators(closersEnd);
        var isAbbreviationDot = runEnd - i == 1 && this.text[i] == '.' && closersEnd == runEnd;
        if (next < this.text.Length && lineBreaks == 0 && !StartsSentence(next, isAbbreviationDot ? WordBefore(i) : AbbreviationKind.None))
        {
            return runEnd;
        }

        this.end = closersEnd;
        CloseAndForgetQuotes();
        return closersEnd;
    }

    private readonly bool StartsSentence(int next, AbbreviationKind abbreviation)
    {
        // Look past a dash so that «Бар!» — деді ол. stays one sentence.
        var first = next;
        while (first < this.text.Length && (TextCharacters.IsDash(this.text[first]) || TextCharacters.IsSeparator(this.text[first])))
        {
            first++;
        }

        var firstChar = first < this.text.Length ? this.text[first] : '\0';
        return abbreviation switch
        {
            AbbreviationKind.NeverFinal => false,
            AbbreviationKind.FinalBeforeCapital => char.IsUpper(firstChar),
            _ => !char.IsLower(firstChar),
        };
    }

    private readonly AbbreviationKind WordBefore(int dot)
    {
        var start = dot;
        while (start > 0 && dot - start <= MaxAbbreviationLength && (char.IsLetter(this.text[start - 1]) || this.text[start - 1] == '.'))
        {
            start--;
        }

        return dot - start > MaxAbbreviationLength
            ? AbbreviationKind.None
            : SentenceAbbreviations.Classify(this.text.AsSpan(start, dot - start));
    }

    private readonly (int Next, int LineBreaks) SkipSeparators(int i)
    {
        var lineBreaks = 0;
        for (; i < this.text.Length && TextCharacters.IsSeparator(this.text[i]); i++)
        {
            lineBreaks += this.text[i] switch
            {
                '\r' when i + 1 < this.text.Length && this.text[i + 1] == '\n' => 0,
                '\u2029' => 2,
                _ when TextCharacters.IsLineBreak(this.text[i]) => 1,
                _ => 0,
            };
        }

        return (i, lineBreaks);
    }

    private void CloseAndForgetQuotes()
    {
        Close();
        quoteDepth = 0;
    }

    private void Close()
    {
        if (this.start >= 0)
        {
            sentences.Add(new TextSpan(this.start, this.end));
            this.start = -1;
        }
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…';
}
