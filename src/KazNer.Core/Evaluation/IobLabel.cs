namespace KazNer.Core.Evaluation;

/// <summary>The IOB2 label grammar: <c>O</c>, or <c>B-</c>/<c>I-</c> followed by a non-empty entity type.</summary>
internal static class IobLabel
{
    public const string Outside = "O";

    public static bool IsValid(string label) =>
        label == Outside || (label.Length > 2 && label[0] is 'B' or 'I' && label[1] == '-');

    public static bool IsBegin(string label) => label[0] == 'B';

    public static string TypeOf(string label) => label[2..];

    /// <summary>Compares without cutting the type out, since chunking runs over every predicted word.</summary>
    public static bool HasType(string label, string type) => label.AsSpan(2).SequenceEqual(type);
}
