namespace KazNer.Core.Text;

/// <summary>The state of one <see cref="KazakhSentenceSplitter.Split"/> pass over a text.</summary>
internal ref struct SentenceScanner(string text)
{
    /// <summary>Longer dotted words are not abbreviations; the cap keeps the look-back constant per dot.</summary>
    private const int MaxAbbreviationLength = 8;

    private readonly string _text = text;
    private readonly List<TextSpan> _sentences = [];
    private int _start = -1;
    private int _end;
    private int _quoteDepth;
    private bool _inListItem;

    public List<TextSpan> Scan()
    {
        var i = BeginLine(SkipSeparators(0).Next);
        while (i < _text.Length)
        {
            if (TextCharacters.IsSeparator(_text[i]))
            {
                i = AfterSeparators(i);
                continue;
            }

            if (_start < 0)
            {
                _start = i;
            }

            i = IsTerminator(_text[i]) ? AfterTerminator(i) : AfterCharacter(i);
        }

        Close();
        return _sentences;
    }

    private int AfterCharacter(int i)
    {
        if (QuoteMarks.Opens(_text, i))
        {
            _quoteDepth++;
        }
        else if (QuoteMarks.Closes(_text, i) && _quoteDepth > 0)
        {
            _quoteDepth--;
        }

        _end = i + 1;
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
        if (lineBreaks > 1 || _inListItem)
        {
            CloseAndForgetQuotes();
        }

        return BeginLine(next);
    }

    private int BeginLine(int first)
    {
        var markerEnd = first < _text.Length ? ListItemMarker.End(_text, first) : -1;
        _inListItem = markerEnd >= 0;
        if (!_inListItem)
        {
            return first;
        }

        CloseAndForgetQuotes();
        _start = first;
        _end = markerEnd;
        return markerEnd;
    }

    private int AfterTerminator(int i)
    {
        var runEnd = i;
        while (runEnd < _text.Length && IsTerminator(_text[runEnd]))
        {
            runEnd++;
        }

        var closersEnd = runEnd;
        var depth = _quoteDepth;
        while (closersEnd < _text.Length && QuoteMarks.IsCloser(_text, closersEnd))
        {
            depth -= QuoteMarks.Closes(_text, closersEnd) && depth > 0 ? 1 : 0;
            closersEnd++;
        }

        _end = runEnd;
        var midWord = closersEnd < _text.Length && !TextCharacters.IsSeparator(_text[closersEnd]);
        if (depth > 0 || midWord)
        {
            return runEnd;
        }

        var (next, lineBreaks) = SkipSeparators(closersEnd);
        var isAbbreviationDot = runEnd - i == 1 && _text[i] == '.' && closersEnd == runEnd;
        if (next < _text.Length && lineBreaks == 0 && !StartsSentence(next, isAbbreviationDot ? WordBefore(i) : AbbreviationKind.None))
        {
            return runEnd;
        }

        _end = closersEnd;
        CloseAndForgetQuotes();
        return closersEnd;
    }

    private readonly bool StartsSentence(int next, AbbreviationKind abbreviation)
    {
        // Look past a dash so that «Бар!» — деді ол. stays one sentence.
        var first = next;
        while (first < _text.Length && (TextCharacters.IsDash(_text[first]) || TextCharacters.IsSeparator(_text[first])))
        {
            first++;
        }

        var firstChar = first < _text.Length ? _text[first] : '\0';
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
        while (start > 0 && dot - start <= MaxAbbreviationLength && (char.IsLetter(_text[start - 1]) || _text[start - 1] == '.'))
        {
            start--;
        }

        return dot - start > MaxAbbreviationLength
            ? AbbreviationKind.None
            : SentenceAbbreviations.Classify(_text.AsSpan(start, dot - start));
    }

    private readonly (int Next, int LineBreaks) SkipSeparators(int i)
    {
        var lineBreaks = 0;
        for (; i < _text.Length && TextCharacters.IsSeparator(_text[i]); i++)
        {
            lineBreaks += _text[i] switch
            {
                '\r' when i + 1 < _text.Length && _text[i + 1] == '\n' => 0,
                '\u2029' => 2,
                _ when TextCharacters.IsLineBreak(_text[i]) => 1,
                _ => 0,
            };
        }

        return (i, lineBreaks);
    }

    private void CloseAndForgetQuotes()
    {
        Close();
        _quoteDepth = 0;
    }

    private void Close()
    {
        if (_start >= 0)
        {
            _sentences.Add(new TextSpan(_start, _end));
            _start = -1;
        }
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…';
}
