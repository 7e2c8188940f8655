namespace KazNer.Core.Morphology;

/// <summary>
/// The evidence <see cref="CanonicalForms"/> weighs: Kazakh word forms as they are written (tesseract-ocr-kaz's word
/// list, Apache-2.0) and names known to be whole (CLDR's Kazakh names of territories, currencies and languages,
/// Unicode licence). Both are embedded in this assembly; see Morphology/Lexicon/README.md.
/// </summary>
public sealed class KazakhLexicon
{
    private static readonly Lazy<KazakhLexicon> Embedded = new(LoadEmbedded);

    private readonly WordFormList forms;
    private readonly HashSet<string> names;

    internal KazakhLexicon(WordFormList forms, IEnumerable<string> names)
    {
        this.forms = forms;
        this.names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            // The last word of a many-word name is whole too: "Америка Құрама Штаттары" keeps "Штаттары".
            this.names.Add(name);
            this.names.Add(name[(name.LastIndexOf(' ') + 1)..]);
        }
    }

    /// <summary>The lexicon shipped in this assembly, loaded on first use (about 10 MB in memory).</summary>
    public static KazakhLexicon Default => Embedded.Value;

    public int FormCount => this.forms.Count;

    public int NameCount => this.names.Count;

    /// <summary>Whether the word is written so somewhere in the word list (any inflection).</summary>
    public bool IsWordForm(ReadOnlySpan<char> word) => this.forms.Contains(word);

    /// <summary>Whether the word is (the last word of) a name that is whole as it stands.</summary>
    public bool IsName(string word) => this.names.Contains(word);

    private static KazakhLexicon LoadEmbedded()
    {
        var assembly = typeof(KazakhLexicon).Assembly;
        using var forms = Open(assembly, "kk-word-forms.txt.gz");
        using var namesStream = Open(assembly, "kk-names.txt");
        using var reader = new StreamReader(namesStream);
        var names = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                names.Add(line);
            }
        }

        return new KazakhLexicon(WordFormList.ReadGzip(forms), names);
    }

    private static Stream Open(System.Reflection.Assembly assembly, string name) =>
        assembly.GetManifestResourceStream("KazNer.Core.Morphology.Lexicon." + name)
        ?? throw new InvalidOperationException($"embedded resource {name} is missing from {assembly.GetName().Name}");
}
