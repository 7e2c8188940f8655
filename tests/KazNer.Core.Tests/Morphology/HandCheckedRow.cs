namespace KazNer.Core.Tests.Morphology;

/// <summary>A row of Fixtures/canonical-forms.tsv: sentence id, type, mention, base form, and a note.</summary>
internal sealed record HandCheckedRow(string SentenceId, string Type, string Mention, string Canonical, bool IsSuffixLikeName)
{
    public static IReadOnlyList<HandCheckedRow> ReadAll(string path) =>
    [
        .. File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => new HandCheckedRow(f[0], f[1], f[2], f[3], f.Length > 4 && f[4] == "suffix-like")),
    ];
}
