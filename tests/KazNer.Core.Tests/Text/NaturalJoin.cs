namespace KazNer.Core.Tests.Text;

/// <summary>
/// Rebuilds running text from tokens the way it is usually typed: no space before closing punctuation and
/// percent signs, none after opening quotes and brackets.
/// </summary>
internal static class NaturalJoin
{
    private static readonly HashSet<string> NoSpaceBefore = [".", ",", ";", ":", "!", "?", "»", ")", "%"];
    private static readonly HashSet<string> NoSpaceAfter = ["«", "("];

    public static string Join(IReadOnlyList<string> tokens)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && !NoSpaceBefore.Contains(tokens[i]) && !NoSpaceAfter.Contains(tokens[i - 1]))
            {
                text.Append(' ');
            }

            text.Append(tokens[i]);
        }

        return text.ToString();
    }
}
